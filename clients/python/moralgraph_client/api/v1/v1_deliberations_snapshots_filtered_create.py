from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.filtered_snapshot import FilteredSnapshot
from ...models.snapshot import Snapshot
from typing import cast



def _get_kwargs(
    slug: str,
    *,
    body: FilteredSnapshot,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/deliberations/{slug}/snapshots/filtered/".format(slug=quote(str(slug), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Snapshot | None:
    if response.status_code == 200:
        response_200 = Snapshot.from_dict(response.json())



        return response_200

    if response.status_code == 201:
        response_201 = Snapshot.from_dict(response.json())



        return response_201

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())



        return response_404

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())



        return response_415

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())



        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Snapshot]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    slug: str,
    *,
    client: AuthenticatedClient,
    body: FilteredSnapshot,

) -> Response[Error | Snapshot]:
    """  A filtered graph on demand, by question (slug), contexts (names), group label (shared by at least
    five voters) and/or untrimmed edges, with the mode's default parameters. The filters are stored as
    `parameters.filters` and covered by the content hash: the same filters over the same votes and
    values return the existing snapshot (200), else one is taken (201). Location names the snapshot; its
    exports and raw votes are under snapshots/ID/. Filtered snapshots never count as the deliberation's
    `latest`.

    Args:
        slug (str):
        body (FilteredSnapshot): A filtered graph on demand: the default parameters of `mode`, and
            at least one filter.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Snapshot]
     """


    kwargs = _get_kwargs(
        slug=slug,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    slug: str,
    *,
    client: AuthenticatedClient,
    body: FilteredSnapshot,

) -> Error | Snapshot | None:
    """  A filtered graph on demand, by question (slug), contexts (names), group label (shared by at least
    five voters) and/or untrimmed edges, with the mode's default parameters. The filters are stored as
    `parameters.filters` and covered by the content hash: the same filters over the same votes and
    values return the existing snapshot (200), else one is taken (201). Location names the snapshot; its
    exports and raw votes are under snapshots/ID/. Filtered snapshots never count as the deliberation's
    `latest`.

    Args:
        slug (str):
        body (FilteredSnapshot): A filtered graph on demand: the default parameters of `mode`, and
            at least one filter.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Snapshot
     """


    return sync_detailed(
        slug=slug,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    slug: str,
    *,
    client: AuthenticatedClient,
    body: FilteredSnapshot,

) -> Response[Error | Snapshot]:
    """  A filtered graph on demand, by question (slug), contexts (names), group label (shared by at least
    five voters) and/or untrimmed edges, with the mode's default parameters. The filters are stored as
    `parameters.filters` and covered by the content hash: the same filters over the same votes and
    values return the existing snapshot (200), else one is taken (201). Location names the snapshot; its
    exports and raw votes are under snapshots/ID/. Filtered snapshots never count as the deliberation's
    `latest`.

    Args:
        slug (str):
        body (FilteredSnapshot): A filtered graph on demand: the default parameters of `mode`, and
            at least one filter.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Snapshot]
     """


    kwargs = _get_kwargs(
        slug=slug,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    slug: str,
    *,
    client: AuthenticatedClient,
    body: FilteredSnapshot,

) -> Error | Snapshot | None:
    """  A filtered graph on demand, by question (slug), contexts (names), group label (shared by at least
    five voters) and/or untrimmed edges, with the mode's default parameters. The filters are stored as
    `parameters.filters` and covered by the content hash: the same filters over the same votes and
    values return the existing snapshot (200), else one is taken (201). Location names the snapshot; its
    exports and raw votes are under snapshots/ID/. Filtered snapshots never count as the deliberation's
    `latest`.

    Args:
        slug (str):
        body (FilteredSnapshot): A filtered graph on demand: the default parameters of `mode`, and
            at least one filter.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Snapshot
     """


    return (await asyncio_detailed(
        slug=slug,
client=client,
body=body,

    )).parsed
