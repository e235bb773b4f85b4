"""Delivery to the central systems: targets, the outbox, sync (DESIGN "Exports and sync to
the central systems").

``DeliveryService`` (``services.delivery``): ``targets`` (add/list/get/remove, the token in
the keyring), ``queue_due``, ``sync``, ``outbox``, ``requeue``, ``discard``. Payload builders
per kind live in ``payloads/<kind>.py``, transports in ``transports/{folder,http}.py``.
"""

from __future__ import annotations

from vernetool.services.delivery.service import DeliveryService
from vernetool.services.delivery.targets import KEYRING_SERVICE, TargetsService
from vernetool.services.delivery.types import (
    BundleReport,
    OutboxView,
    OutgoingBundle,
    Payload,
    PayloadFile,
    QueuedBundle,
    SyncProgress,
    SyncResult,
    TargetReport,
)

__all__ = ["KEYRING_SERVICE", "BundleReport", "DeliveryService", "OutboxView",
           "OutgoingBundle", "Payload", "PayloadFile", "QueuedBundle", "SyncProgress",
           "SyncResult", "TargetReport", "TargetsService"]
