"""The chemical register and the exposure register: products, holdings, SDS, exposure."""
