"""Delivery to the central systems: bundles, their manifests, what a delivery came to."""
