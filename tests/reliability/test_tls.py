"""TLS failures are not transient: a wrong certificate or host name fails at once, typed,
never retried. The server is a real TLS server on 127.0.0.1 with a throwaway CA."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator

import pytest
import trustme

from astravue_async import APIConnectionError, AstravueClient, TLSError

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")  # aborted handshakes


class HandshakeCounter:
    def __init__(self) -> None:
        self.handshakes = 0


@pytest.fixture
async def tls_server() -> AsyncIterator[tuple[int, HandshakeCounter]]:
    # A certificate for another host, from a CA the client does not trust: both checks fail.
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("not-the-api.example").configure_cert(context)
    counter = HandshakeCounter()

    async def on_connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        counter.handshakes += 1
        writer.close()

    async def accept(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await on_connection(reader, writer)

    server = await asyncio.start_server(accept, "127.0.0.1", 0, ssl=context)
    try:
        yield server.sockets[0].getsockname()[1], counter
    finally:
        server.close()
        await server.wait_closed()


async def test_untrusted_certificate_fails_at_once_without_retrying(
    tls_server: tuple[int, HandshakeCounter],
) -> None:
    port, _ = tls_server
    attempts = 0

    async with AstravueClient(
        org_id=1, access_token="t", base_url=f"https://127.0.0.1:{port}/v1", max_retries=5
    ) as client:
        original = client._transport._attempt

        async def counting(*args: object, **kwargs: object) -> object:
            nonlocal attempts
            attempts += 1
            return await original(*args, **kwargs)  # type: ignore[arg-type]

        client._transport._attempt = counting  # type: ignore[method-assign]
        with pytest.raises(TLSError) as info:
            await client.tasks.get(1)
    assert isinstance(info.value, APIConnectionError)  # existing handlers still catch it
    assert info.value.request_sent is False
    assert attempts == 1
    assert "TLS" in str(info.value)


async def test_hostname_mismatch_with_a_trusted_ca_is_a_tls_error() -> None:
    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("somewhere-else.example").configure_cert(server_context)

    async def accept(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.close()

    server = await asyncio.start_server(accept, "127.0.0.1", 0, ssl=server_context)
    port = server.sockets[0].getsockname()[1]
    try:
        client_context = ssl.create_default_context()
        ca.configure_trust(client_context)
        async with AstravueClient(
            org_id=1,
            access_token="t",
            base_url=f"https://127.0.0.1:{port}/v1",
            max_retries=3,
            verify_ssl=client_context,  # trusts the CA: only the host name is wrong
        ) as client:
            with pytest.raises(TLSError):
                await client.tasks.get(1)
    finally:
        server.close()
        await server.wait_closed()


async def test_a_private_certificate_authority_is_trusted_through_an_ssl_context() -> None:
    # Corporate and TLS-inspecting proxies sign with their own CA: verify_ssl takes a context
    # that trusts it, for the API and the token endpoint alike.
    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_context)
    body = b'{"success":true,"message":"OK","code":200,"data":{"taskId":1,"taskTitle":"tls"}}'

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
            b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
        )
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0, ssl=server_context)
    port = server.sockets[0].getsockname()[1]
    client_context = ssl.create_default_context()
    ca.configure_trust(client_context)
    try:
        async with AstravueClient(
            org_id=1,
            access_token="t",
            base_url=f"https://127.0.0.1:{port}/v1",
            verify_ssl=client_context,
            trust_env=False,
        ) as client:
            assert (await client.tasks.get(1)).task_title == "tls"
    finally:
        server.close()
        await server.wait_closed()


def test_verify_ssl_must_be_a_bool_or_a_context() -> None:
    with pytest.raises(TypeError, match="verify_ssl"):
        AstravueClient(org_id=1, access_token="t", verify_ssl="yes")  # type: ignore[arg-type]
