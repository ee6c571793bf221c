"""``bahi serve``: run the Bahi add-in server (xlwings Server) on this machine.

xlwings-server reads its project directory and settings *when ``xlwings_server.config`` is first
imported* (``PROJECT_DIR`` from ``XLWINGS_PROJECT_DIR``, then a pydantic ``Settings()`` from the
``XLWINGS_*`` environment variables), and puts the project directory on ``sys.path`` so that it can
import ``custom_functions`` and ``custom_scripts``. So :func:`configure_environment` must run
before anything imports ``xlwings_server``; :mod:`addin.server.asgi` does it first thing.

No ``.env`` file is needed: everything comes from environment variables, with Bahi defaults:

===============================  ==============================================================
``XLWINGS_LICENSE_KEY``          ``noncommercial`` (PolyForm Noncommercial) unless you set your key
``XLWINGS_ENVIRONMENT``          ``prod``; ``dev`` adds hot reload and allows localhost origins
``XLWINGS_PROJECT_NAME``         ``Bahi`` (the add-in's name)
``XLWINGS_FUNCTIONS_NAMESPACE``  ``BAHI`` (cell formulas are ``=BAHI.*``)
``XLWINGS_CORS_ALLOW_ORIGINS``   Excel on the web's origins (see :data:`OFFICE_ORIGINS`)
``BAHI_TOKEN``                   when set: every script/formula call needs ``Bearer <token>``
                                 (sets ``XLWINGS_AUTH_PROVIDERS=["custom"]``)
``BAHI_MAX_REQUEST_MB``          request body limit, default 5 (Excel on the web's own limit)
``BAHI_MAX_FORMULA_REQUEST_MB``  the limit for cell formula calls only, default 32
``BAHI_UPLOAD_DIR``              a directory for big journals' blocks, shared by several servers
``BAHI_PUBLIC_URL``              where Excel reaches the server, for the manifest's URLs; default
                                 ``https://localhost:<port>`` (``http://`` with ``--http``), or the
                                 ``--host`` given when it is not a loopback or wildcard address
``BAHI_WORKERS``                 worker processes for scripts and big formulas, default 2 (at most
                                 the CPUs); 0 runs them in the server's own process
``BAHI_BODY_TIMEOUT_SECONDS``    how long a request's body may take to arrive, default 60
===============================  ==============================================================

The certificate ``bahi serve`` makes for HTTPS (:func:`ensure_certificate`) is a *leaf*: it names
``localhost`` and ``127.0.0.1`` and cannot sign anything, so trusting it (as the README's "Use in
Excel" asks, for desktop Excel) lets nobody vouch for any other site, even with its key.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import ipaddress
import json
import os
import pathlib
import socket
import sys
from collections.abc import Sequence

import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from addin.books.base import BookError

SERVER_DIR = pathlib.Path(__file__).resolve().parent
ROOT_DIR = SERVER_DIR.parent.parent
CERT_DIR = SERVER_DIR / "certs"

OFFICE_ORIGINS = (
    "https://excel.officeapps.live.com",
    "https://excel.cloud.microsoft",
    "https://excel.office.com",
    "https://office.live.com",
    "https://www.office.com",
)
"""Origins of Excel on the web that call the server directly (custom functions, Office Scripts)."""

LOCAL_HOSTS = ("127.0.0.1", "localhost", "0.0.0.0", "::", "::1")  # noqa: S104 - names, not a bind


def default_public_url(host: str, port: int, *, http: bool) -> str:
    """Where Excel reaches a server started with ``--host host --port port``.

    >>> default_public_url("127.0.0.1", 8000, http=False), default_public_url("0.0.0.0", 8443, http=False)
    ('https://localhost:8000', 'https://localhost:8443')
    >>> default_public_url("bahi.office.lan", 8000, http=True)
    'http://bahi.office.lan:8000'
    """
    scheme = "http" if http else "https"
    name = "localhost" if host in LOCAL_HOSTS else (f"[{host}]" if ":" in host else host)
    return f"{scheme}://{name}:{port}"


def configure_environment(*, host: str = "127.0.0.1", port: int = 8000, http: bool = False) -> None:
    """Point xlwings-server at Bahi's project directory and fill in Bahi's defaults.

    Explicitly set environment variables win, except ``XLWINGS_PROJECT_DIR`` (always this folder)
    and ``XLWINGS_ON_SERVER`` (always true).
    """
    env = os.environ
    env["XLWINGS_PROJECT_DIR"] = str(SERVER_DIR)
    env["XLWINGS_ON_SERVER"] = "true"
    env.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    env.setdefault("XLWINGS_ENVIRONMENT", "prod")
    env.setdefault("XLWINGS_PROJECT_NAME", "Bahi")
    env.setdefault("XLWINGS_FUNCTIONS_NAMESPACE", "BAHI")
    env.setdefault("XLWINGS_ENABLE_SOCKETIO", "false")
    env.setdefault("XLWINGS_ENABLE_EXAMPLES", "false")
    if "XLWINGS_CORS_ALLOW_ORIGINS" not in env:
        origins = list(OFFICE_ORIGINS)
        if env["XLWINGS_ENVIRONMENT"] == "dev":
            scheme = "http" if http else "https"
            origins += [
                f"{scheme}://localhost:{port}",
                f"{scheme}://127.0.0.1:{port}",
                f"{scheme}://{host}:{port}",
            ]
        env["XLWINGS_CORS_ALLOW_ORIGINS"] = json.dumps(sorted(set(origins)))
    env.setdefault("BAHI_PUBLIC_URL", default_public_url(host, port, http=http))
    if env.get("BAHI_TOKEN") and "XLWINGS_AUTH_PROVIDERS" not in env:
        env["XLWINGS_AUTH_PROVIDERS"] = json.dumps(["custom"])


def is_usable_leaf(cert: x509.Certificate, now: dt.datetime) -> bool:
    """A certificate :func:`ensure_certificate` may keep: valid for another week, and not a CA (an
    older Bahi made a CA; trusted as a root, its key could vouch for any site)."""
    try:
        constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return False
    return not constraints.ca and cert.not_valid_after_utc > now + dt.timedelta(days=7)


def ensure_certificate(
    cert_dir: pathlib.Path = CERT_DIR, host: str = "localhost"
) -> tuple[pathlib.Path, pathlib.Path]:
    """A self-signed *leaf* certificate for ``localhost`` (Office add-ins must be served over HTTPS).

    It names ``localhost``, ``127.0.0.1`` and ``::1`` (and ``host`` when that is another name), is
    for TLS servers only (extended key usage serverAuth), and cannot sign other certificates
    (basic constraints CA:FALSE, no keyCertSign): trusting it lets nobody vouch for any other site.
    Generated once into ``cert_dir`` (git-ignored) and reused while it is valid; a CA certificate
    left there by an older Bahi is replaced. Your system must trust it for desktop Excel to load
    the add-in (see the README, "Use in Excel").
    """
    cert_path, key_path = cert_dir / "localhost.pem", cert_dir / "localhost-key.pem"
    now = dt.datetime.now(dt.UTC)
    if cert_path.exists() and key_path.exists():
        existing = x509.load_pem_x509_certificate(cert_path.read_bytes())
        if is_usable_leaf(existing, now):
            return cert_path, key_path
    cert_dir.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "localhost"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Bahi (self-signed, localhost only)"),
        ]
    )
    alt_names: list[x509.GeneralName] = [
        x509.DNSName("localhost"),
        x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
        x509.IPAddress(ipaddress.ip_address("::1")),
    ]
    if host not in LOCAL_HOSTS:
        try:
            alt_names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            alt_names.append(x509.DNSName(host))
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=True,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert_path, key_path


def check_upload_dir() -> None:
    """Refuse to start (bilingual :class:`~addin.books.base.BookError`) when ``BAHI_UPLOAD_DIR``
    is set to a directory that cannot be written."""
    from addin.server.uploads import DirectoryUploadStore, store_from_environment  # noqa: PLC0415

    store = store_from_environment()
    if isinstance(store, DirectoryUploadStore):
        store.check()


def port_unavailable(host: str, port: int, exc: OSError) -> BookError:
    """``bahi serve`` cannot listen on ``host:port`` (bilingual, with the fix)."""
    if exc.errno == errno.EADDRINUSE:
        return BookError(
            f"Port {port} on {host} is already in use: another bahi serve, or another program, is "
            "listening there.",
            f"{host} पर पोर्ट {port} पहले से उपयोग में है: वहाँ कोई दूसरा bahi serve या अन्य प्रोग्राम चल रहा है।",
            fix_en=f"Stop the other program, or choose another port: bahi serve --port {port + 1} "
            "(and load the manifest from that port).",
            fix_hi=f"दूसरा प्रोग्राम बंद करें, या दूसरा पोर्ट चुनें: bahi serve --port {port + 1} "
            "(और मैनिफ़ेस्ट उसी पोर्ट से लोड करें)।",
        )
    return BookError(
        f"bahi serve cannot listen on {host}:{port}: {exc.strerror or exc}.",
        f"bahi serve {host}:{port} पर नहीं सुन सकता: {exc.strerror or exc}।",
        fix_en="Choose another --host or --port (ports below 1024 need administrator rights).",
        fix_hi="दूसरा --host या --port चुनें (1024 से नीचे के पोर्ट के लिए व्यवस्थापक अधिकार चाहिए)।",
    )


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` for uvicorn to serve on; the bilingual
    :func:`port_unavailable` error when it cannot be had (bound here, so nobody takes it between
    this check and the server starting)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise port_unavailable(host, port, exc) from None
    sock.set_inheritable(True)
    return sock


def serve(host: str = "127.0.0.1", port: int = 8000, http: bool = False) -> None:
    """Run the add-in server until interrupted (HTTPS with a self-signed certificate by default)."""
    configure_environment(host=host, port=port, http=http)
    check_upload_dir()
    sock = listening_socket(host, port)
    ssl: dict[str, str] = {}
    if not http:
        cert, key = ensure_certificate(host=host)
        ssl = {"ssl_certfile": str(cert), "ssl_keyfile": str(key)}
    scheme = "http" if http else "https"
    public = os.environ["BAHI_PUBLIC_URL"]
    print(f"Bahi add-in server: {scheme}://{host}:{port}  (manifest: {public}/manifest.xml)")
    config = uvicorn.Config("addin.server.asgi:app", host=host, port=port, log_level="info", **ssl)  # type: ignore[arg-type]
    uvicorn.Server(config).run(sockets=[sock])


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="bahi serve", description="Run the Bahi Excel add-in server (xlwings Server)."
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--http", action="store_true", help="plain HTTP, no certificate (tests, a TLS proxy in front)"
    )
    return p


def main(args: Sequence[str] | argparse.Namespace | None = None) -> int:
    """Entry point of ``bahi serve``: ``args`` are its command-line words or an argparse result."""
    ns = (
        args
        if isinstance(args, argparse.Namespace)
        else parser().parse_args(list(args) if args is not None else None)
    )
    serve(
        host=getattr(ns, "host", "127.0.0.1"),
        port=int(getattr(ns, "port", 8000)),
        http=bool(getattr(ns, "http", False)),
    )
    return 0


if __name__ == "__main__":  # python -m addin.server.serve (`bahi serve` reports BookError itself)
    try:
        sys.exit(main())
    except BookError as exc:
        print(exc.bilingual(), file=sys.stderr)
        sys.exit(2)
