"""Who may open a served session, and which $DLTUTOR_HOME each session gets.

A served session runs code as the person who started the server (the learner's solutions, the
demos), so the rules are strict:

* a token is required by default, even on 127.0.0.1: on a shared GPU box every other user can
  reach the loopback address. `--no-token` turns it off, and only on a loopback address;
* an address other machines can reach needs a token given explicitly (`--token T`, `--token auto`
  or `--tokens FILE`); without one the server refuses to start;
* a classroom gives each learner a name and a token (`--tokens FILE`, one `name:token` a line)
  and its own home under `--homes DIR`.
"""
from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from tutor.i18n.catalog import _

MIN_TOKEN_LENGTH = 16
_TOKEN = re.compile(r"[A-Za-z0-9_-]+")             # URL- and cookie-safe: never needs quoting
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")  # becomes a folder name under --homes
AUTO = "auto"


class AccessError(ValueError):
    """A setting that would make the server unsafe or unusable; the message says what to do."""


@dataclass(frozen=True)
class User:
    name: str
    home: Path | None = None     # None: the server's own $DLTUTOR_HOME (one learner)


SOLO = User("you")


@dataclass(frozen=True)
class Access:
    """The tokens the server accepts; `required` is False only for --no-token on loopback."""
    users: dict[str, User] = field(default_factory=dict)     # token -> user
    required: bool = True

    def user_for(self, token: str | None) -> User | None:
        """The user a token belongs to, or None. Compares every token in constant time."""
        if not self.required:
            return SOLO
        if not token:
            return None
        offered = token.encode()
        found = None
        for known, user in self.users.items():
            if hmac.compare_digest(known.encode(), offered):
                found = user
        return found

    @property
    def solo_token(self) -> str | None:
        """The one token of a single-learner server (printed in its URL); None for a classroom."""
        if len(self.users) == 1:
            (token, user), = self.users.items()
            if user.home is None:
                return token
        return None


def is_local(host: str) -> bool:
    """True when only this machine can reach `host` (localhost or a loopback address)."""
    host = host.strip().strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False   # a host name other machines may resolve to this one


def new_token() -> str:
    return secrets.token_urlsafe(24)


def check_token(token: str, where: str) -> str:
    if len(token) < MIN_TOKEN_LENGTH:
        raise AccessError(_("{where}: a token needs at least {minimum} characters (this one has {length}); "
                            "'--token auto' makes a good one").format(where=where, minimum=MIN_TOKEN_LENGTH,
                                                                       length=len(token)))
    if not _TOKEN.fullmatch(token):
        raise AccessError(_("{where}: a token may use only letters, digits, '-' and '_'").format(where=where))
    return token


def read_tokens(path: Path) -> dict[str, str]:
    """name -> token from a file of `name:token` lines; blank lines and `#` comments are skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AccessError(_("cannot read the tokens file {path}: {reason}").format(
            path=path, reason=exc.strerror or exc)) from None
    tokens: dict[str, str] = {}
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        where = _("{path}, line {number}").format(path=path, number=number)
        name, colon, token = (part.strip() for part in line.partition(":"))
        if not colon:
            raise AccessError(_("{where}: expected 'name:token', got {line}").format(where=where, line=repr(line)))
        if not _NAME.fullmatch(name):
            raise AccessError(_("{where}: {name} is not a usable name (letters, digits, '.', '-', '_'; it becomes "
                                "the learner's folder)").format(where=where, name=repr(name)))
        if name in tokens:
            raise AccessError(_("{where}: the name {name} appears twice").format(where=where, name=repr(name)))
        check_token(token, where)
        if token in seen:
            raise AccessError(_("{where}: this token is already given to someone else").format(where=where))
        tokens[name] = token
        seen.add(token)
    if not tokens:
        raise AccessError(_("the tokens file {path} names nobody; 'dltutor serve --make-tokens alice bob' prints "
                            "lines to put in it").format(path=path))
    return tokens


def make_tokens(names: list[str]) -> str:
    """`name:token` lines, a fresh token each, for a tokens file."""
    for name in names:
        if not _NAME.fullmatch(name):
            raise AccessError(_("{name} is not a usable name (letters, digits, '.', '-', '_')").format(name=repr(name)))
    if len(set(names)) != len(names):
        raise AccessError(_("a name appears twice"))
    return "".join(f"{name}:{new_token()}\n" for name in names)


def plan_access(host: str, token: str | None = None, tokens_file: Path | None = None,
                homes: Path | None = None, no_token: bool = False) -> Access:
    """The access rules for these `dltutor serve` options, or an AccessError saying why not."""
    if no_token:
        if token or tokens_file:
            raise AccessError(_("--no-token cannot be combined with --token or --tokens"))
        if not is_local(host):
            raise AccessError(_("--no-token is only allowed on a loopback address (127.0.0.1, ::1, localhost), "
                                "not {host}: anyone who can reach {host} could run code as you").format(host=host))
        if homes:
            raise AccessError(_("--homes gives each token its own home: it needs --tokens FILE"))
        return Access(required=False)
    if token and tokens_file:
        raise AccessError(_("use either --token (one learner) or --tokens FILE (a classroom), not both"))
    if tokens_file and not homes:
        raise AccessError(_("--tokens FILE is for a classroom: give each learner a home with --homes DIR"))
    if homes and not tokens_file:
        raise AccessError(_("--homes gives each token its own home: it needs --tokens FILE "
                            "('dltutor serve --make-tokens alice bob > class.tokens' makes one)"))
    if tokens_file and homes:
        homes = homes.expanduser().resolve()
        return Access({tok: User(name, homes / name) for name, tok in read_tokens(tokens_file).items()})
    if token:
        return Access({new_token() if token == AUTO else check_token(token, "--token"): SOLO})
    if not is_local(host):
        raise AccessError(_(
            "refusing to serve on {host} without a token: other machines can reach it, and a session "
            "runs code as you. Add '--token auto' (a token is made and printed), '--token YOURTOKEN', "
            "or '--tokens FILE --homes DIR' for a classroom").format(host=host))
    return Access({new_token(): SOLO})
