"""The chemical register (stoffkartotek): the holdings table, the product detail, the dialogs."""
