"""``selfassess keys``: set this person up to sign commits with an SSH key, and the line a reviewer
adds to ``allowed_signers`` for them."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from selfassess.core.errors import GitError, SelfAssessError
from selfassess.formats.access import ALLOWED_SIGNERS
from selfassess.git import run as gitrun

#: an existing key is used before a new one is made, in this order
EXISTING = ("id_ed25519", "id_ecdsa", "id_rsa")


@dataclass
class KeySetup:
    public_key: Path
    created: bool
    signers_line: str
    settings: list[tuple[str, str]]


def config_folder() -> Path:
    """Where this system keeps a program's settings (XDG on Linux, Library on macOS, AppData on Windows)."""
    from platformdirs import user_config_path

    return user_config_path("selfassess", appauthor=False)


def old_config_folder() -> Path:
    """Where keys were made before the folder followed the system's rule: ``~/.config/selfassess``."""
    return Path.home() / ".config" / "selfassess"


def find_key() -> Path | None:
    """The public half of the user's existing SSH key, if any (ours first, then ~/.ssh)."""
    for folder in (config_folder(), old_config_folder(), Path.home() / ".ssh"):
        for name in EXISTING:
            public = folder / f"{name}.pub"
            if public.is_file() and (folder / name).is_file():
                return public
    return None


def make_key(email: str, passphrase: bool) -> Path:
    """A new ed25519 key in the config folder; ssh-keygen asks for the passphrase unless not wanted."""
    program = shutil.which("ssh-keygen")
    if program is None:
        raise SelfAssessError("ssh-keygen is not installed: install OpenSSH to sign commits")
    folder = config_folder()
    folder.mkdir(parents=True, exist_ok=True)
    private = folder / "id_ed25519"
    args = [program, "-q", "-t", "ed25519", "-C", email, "-f", str(private)]
    if not passphrase:
        args += ["-N", ""]
    result = subprocess.run(args, check=False, capture_output=not passphrase, text=True)
    if result.returncode != 0:
        raise SelfAssessError(f"ssh-keygen could not make a key: {(result.stderr or '').strip() or 'failed'}")
    return private.with_name("id_ed25519.pub")


def setup(root: Path, passphrase: bool = True) -> KeySetup:
    if not gitrun.is_repository(root):
        raise GitError(f"{root} is not a git repository: run 'git init' there (or clone it) first")
    email = gitrun.run(root, "config", "--get", "user.email", check=False).stdout.strip()
    if not email:
        raise SelfAssessError(
            "git does not know your e-mail address, which names you in allowed_signers: run "
            "git config --global user.email you@force.example"
        )
    public = find_key()
    created = public is None
    if public is None:
        public = make_key(email, passphrase)
    words = public.read_text("utf-8").split()
    if len(words) < 2:
        raise SelfAssessError(f"{public} is not an SSH public key")
    settings = [
        ("gpg.format", "ssh"),
        ("user.signingkey", str(public)),
        ("commit.gpgsign", "true"),
        ("gpg.ssh.allowedSignersFile", str((root / ALLOWED_SIGNERS).resolve())),
    ]
    for name, value in settings:
        gitrun.run(root, "config", name, value)
    return KeySetup(public, created, f'{email} namespaces="git" {words[0]} {words[1]}', settings)
