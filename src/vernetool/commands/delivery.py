"""Delivery to the central systems from the command line (DESIGN "Exports and sync"):

- ``vernetool target add NAME --db PATH --kind folder|http (--path DIR | --url URL)
  --sends WHAT[,WHAT...] [--token-env VAR] [--mapping FILE]`` — prints the target as JSON;
- ``vernetool target list --db PATH`` — the targets as JSON;
- ``vernetool target remove NAME --db PATH`` — a target that has bundles is kept as removed
  (its bundles and receipts stay in the outbox), one without is deleted;
- ``vernetool target token NAME --db PATH`` — reads a token from stdin into the OS keyring;
- ``vernetool sync --db PATH [--target NAME]`` — delivers what is due; prints
  ``{"targets": [{"name", "delivered", "failed", "pending", "bundles": [{"bundle_id", "kind",
  "rows", "status", "receipt"}]}]}``; exit 1 if any bundle failed;
- ``vernetool outbox --db PATH [--target NAME] [--requeue ID | --discard ID]`` — queued,
  delivered (with receipts), failed and discarded bundles as JSON.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vernetool.cli import CliError
from vernetool.commands.common import open_services, print_json

if TYPE_CHECKING:
    from vernetool.domain.delivery.model import Target


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> list[str]:
    target = subparsers.add_parser("target", parents=[common],
                                   help="add, list or remove delivery targets")
    actions = target.add_subparsers(dest="target_action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add", parents=[common], help="add a delivery target; prints it as JSON",
        description="A folder (a network share, a synced cloud folder) or an HTTP(S) endpoint "
                    "that receives bundles. The token is never stored in the database: "
                    "name an environment variable (--token-env) or put it in the OS "
                    "keyring (vernetool target token NAME).")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--kind", required=True, metavar="folder|http")
    add.add_argument("--path", metavar="DIR", help="the folder (folder targets)")
    add.add_argument("--url", metavar="URL", help="the endpoint (http targets)")
    add.add_argument("--sends", required=True, metavar="WHAT[,WHAT...]",
                     help="deviations, chemicals, sources, rounds, annual")
    add.add_argument("--token-env", dest="token_env", metavar="VAR",
                     help="the environment variable holding the bearer token")
    add.add_argument("--mapping", metavar="FILE", help="the target's field mapping (JSON)")
    actions.add_parser("list", parents=[common], help="the delivery targets as JSON")
    remove = actions.add_parser("remove", parents=[common], help="remove a delivery target")
    remove.add_argument("name", metavar="NAME")
    token = actions.add_parser(
        "token", parents=[common], help="keep a target's token in the OS keyring",
        description="Reads the token from standard input (never from the command line) and "
                    "keeps it in the OS keyring; --clear forgets it.")
    token.add_argument("name", metavar="NAME")
    token.add_argument("--clear", action="store_true", help="forget the keyring's token")

    sync = subparsers.add_parser("sync", parents=[common], help="deliver what is due; JSON",
                                 description="Queues a bundle of what changed since each "
                                             "target's last receipt and delivers the queued "
                                             "bundles whose time has come. Exit 1 if any "
                                             "bundle failed.")
    sync.add_argument("--target", metavar="NAME", help="only this target")

    outbox = subparsers.add_parser("outbox", parents=[common],
                                   help="queued, delivered and failed bundles; JSON")
    outbox.add_argument("--target", metavar="NAME", help="only this target's bundles")
    change = outbox.add_mutually_exclusive_group()
    change.add_argument("--requeue", metavar="BUNDLE_ID",
                        help="send a failed bundle again at the next sync (same bytes, same id)")
    change.add_argument("--discard", metavar="BUNDLE_ID",
                        help="give a failed or queued bundle up; its changes go in the next one")
    return ["target", "sync", "outbox"]


def run(args: argparse.Namespace) -> int:
    if args.command == "target":
        return _target(args)
    if args.command == "sync":
        return _sync(args)
    return _outbox(args)


def target_json(target: Target) -> dict[str, Any]:
    token = "env" if target.token_env else ("keyring" if target.token_in_keyring else None)
    if target.token_env and target.token_in_keyring:
        token = "env+keyring"
    return {"name": target.name, "kind": target.kind.value,
            "path": target.path or None, "url": target.url or None,
            "sends": [s.value for s in target.sends], "token_env": target.token_env or None,
            "token": token, "mapping": target.mapping is not None,
            "created_at": target.created_at}


def _target(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        targets = services.delivery.targets
        if args.target_action == "add":
            added = targets.add(args.name, kind=args.kind, path=args.path, url=args.url,
                                sends=args.sends, token_env=args.token_env,
                                mapping=Path(args.mapping) if args.mapping else None)
            print_json(target_json(added))
        elif args.target_action == "list":
            print_json([target_json(t) for t in targets.list()])
        elif args.target_action == "remove":
            deleted = targets.remove(args.name)
            print_json({"removed": args.name, "kept_as_history": not deleted})
        else:
            if args.clear:
                targets.clear_token_in_keyring(args.name)
                print_json({"target": args.name, "token": None})
                return 0
            value = sys.stdin.readline().strip()
            if not value:
                raise CliError("cli.token_from_stdin")
            targets.set_token_in_keyring(args.name, value)
            print_json({"target": args.name, "token": "keyring"})
    return 0


def _sync(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        result = services.delivery.sync(args.target)
    print_json(result.to_json())
    for target in result.targets:
        for bundle in target.bundles:
            if bundle.status == "failed" or bundle.not_sent:
                print(f"vernetool: {target.name}: {bundle.bundle_id}: {bundle.error}",
                      file=sys.stderr)
    return 1 if result.any_failed else 0


def _outbox(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        delivery = services.delivery
        if args.requeue:
            delivery.requeue(args.requeue)
        elif args.discard:
            delivery.discard(args.discard)
        view = delivery.outbox(args.target)
    print_json(view.to_json())
    return 0
