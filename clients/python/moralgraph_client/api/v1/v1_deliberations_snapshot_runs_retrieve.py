from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.snapshot_run import SnapshotRun
from typing import cast



def _get_kwargs(
    slug: str,
    run_id: int,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/deliberations/{slug}/snapshot-runs/{run_id}/".format(slug=quote(str(slug), safe=""),run_id=quote(str(run_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | SnapshotRun | None:
    if response.status_code == 200:
        response_200 = SnapshotRun.from_dict(response.json())



        return response_200

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())



        return response_404

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())



        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | SnapshotRun]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    slug: str,
    run_id: int,
    *,
    client: AuthenticatedClient,

) -> Response[Error | SnapshotRun]:
    """  A snapshot run's status and progress (those who run or moderate the deliberation).

    Args:
        slug (str):
        run_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SnapshotRun]
     """


    kwargs = _get_kwargs(
        slug=slug,
run_id=run_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    slug: str,
    run_id: int,
    *,
    client: AuthenticatedClient,

) -> Error | SnapshotRun | None:
    """  A snapshot run's status and progress (those who run or moderate the deliberation).

    Args:
        slug (str):
        run_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SnapshotRun
     """


    return sync_detailed(
        slug=slug,
run_id=run_id,
client=client,

    ).parsed

async def asyncio_detailed(
    slug: str,
    run_id: int,
    *,
    client: AuthenticatedClient,

) -> Response[Error | SnapshotRun]:
    """  A snapshot run's status and progress (those who run or moderate the deliberation).

    Args:
        slug (str):
        run_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SnapshotRun]
     """


    kwargs = _get_kwargs(
        slug=slug,
run_id=run_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    slug: str,
    run_id: int,
    *,
    client: AuthenticatedClient,

) -> Error | SnapshotRun | None:
    """  A snapshot run's status and progress (those who run or moderate the deliberation).

    Args:
        slug (str):
        run_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SnapshotRun
     """


    return (await asyncio_detailed(
        slug=slug,
run_id=run_id,
client=client,

    )).parsed
