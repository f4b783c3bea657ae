from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.diff import Diff
from ...models.error import Error
from typing import cast



def _get_kwargs(
    id: int,
    other: int,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/snapshots/{id}/diff/{other}/".format(id=quote(str(id), safe=""),other=quote(str(other), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Diff | Error | None:
    if response.status_code == 200:
        response_200 = Diff.from_dict(response.json())



        return response_200

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

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())



        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Diff | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    other: int,
    *,
    client: AuthenticatedClient,

) -> Response[Diff | Error]:
    """  Values added and removed, edges added and removed, edgeChanges (counts, wiserLikelihood and entropy
    of edges in both), rankChanges, winnerChanges (default mode); values by external id. 400 across
    deliberations.

    Args:
        id (int):
        other (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Diff | Error]
     """


    kwargs = _get_kwargs(
        id=id,
other=other,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    id: int,
    other: int,
    *,
    client: AuthenticatedClient,

) -> Diff | Error | None:
    """  Values added and removed, edges added and removed, edgeChanges (counts, wiserLikelihood and entropy
    of edges in both), rankChanges, winnerChanges (default mode); values by external id. 400 across
    deliberations.

    Args:
        id (int):
        other (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Diff | Error
     """


    return sync_detailed(
        id=id,
other=other,
client=client,

    ).parsed

async def asyncio_detailed(
    id: int,
    other: int,
    *,
    client: AuthenticatedClient,

) -> Response[Diff | Error]:
    """  Values added and removed, edges added and removed, edgeChanges (counts, wiserLikelihood and entropy
    of edges in both), rankChanges, winnerChanges (default mode); values by external id. 400 across
    deliberations.

    Args:
        id (int):
        other (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Diff | Error]
     """


    kwargs = _get_kwargs(
        id=id,
other=other,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    id: int,
    other: int,
    *,
    client: AuthenticatedClient,

) -> Diff | Error | None:
    """  Values added and removed, edges added and removed, edgeChanges (counts, wiserLikelihood and entropy
    of edges in both), rankChanges, winnerChanges (default mode); values by external id. 400 across
    deliberations.

    Args:
        id (int):
        other (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Diff | Error
     """


    return (await asyncio_detailed(
        id=id,
other=other,
client=client,

    )).parsed
