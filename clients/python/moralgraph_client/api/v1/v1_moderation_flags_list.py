from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.paginated_flag_list import PaginatedFlagList
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    deliberation: str | Unset = UNSET,
    kind: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    search: str | Unset = UNSET,
    source: str | Unset = UNSET,
    status: str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["deliberation"] = deliberation

    params["kind"] = kind

    params["limit"] = limit

    params["offset"] = offset

    params["ordering"] = ordering

    params["search"] = search

    params["source"] = source

    params["status"] = status


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/moderation/flags/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedFlagList | None:
    if response.status_code == 200:
        response_200 = PaginatedFlagList.from_dict(response.json())



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

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())



        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedFlagList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    deliberation: str | Unset = UNSET,
    kind: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    search: str | Unset = UNSET,
    source: str | Unset = UNSET,
    status: str | Unset = UNSET,

) -> Response[Error | PaginatedFlagList]:
    """  Flags, newest first; filter with ?deliberation=slug&kind=card&source=report&status=open.

    Args:
        deliberation (str | Unset):
        kind (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        ordering (str | Unset):
        search (str | Unset):
        source (str | Unset):
        status (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedFlagList]
     """


    kwargs = _get_kwargs(
        deliberation=deliberation,
kind=kind,
limit=limit,
offset=offset,
ordering=ordering,
search=search,
source=source,
status=status,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    deliberation: str | Unset = UNSET,
    kind: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    search: str | Unset = UNSET,
    source: str | Unset = UNSET,
    status: str | Unset = UNSET,

) -> Error | PaginatedFlagList | None:
    """  Flags, newest first; filter with ?deliberation=slug&kind=card&source=report&status=open.

    Args:
        deliberation (str | Unset):
        kind (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        ordering (str | Unset):
        search (str | Unset):
        source (str | Unset):
        status (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedFlagList
     """


    return sync_detailed(
        client=client,
deliberation=deliberation,
kind=kind,
limit=limit,
offset=offset,
ordering=ordering,
search=search,
source=source,
status=status,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    deliberation: str | Unset = UNSET,
    kind: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    search: str | Unset = UNSET,
    source: str | Unset = UNSET,
    status: str | Unset = UNSET,

) -> Response[Error | PaginatedFlagList]:
    """  Flags, newest first; filter with ?deliberation=slug&kind=card&source=report&status=open.

    Args:
        deliberation (str | Unset):
        kind (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        ordering (str | Unset):
        search (str | Unset):
        source (str | Unset):
        status (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedFlagList]
     """


    kwargs = _get_kwargs(
        deliberation=deliberation,
kind=kind,
limit=limit,
offset=offset,
ordering=ordering,
search=search,
source=source,
status=status,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    deliberation: str | Unset = UNSET,
    kind: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    search: str | Unset = UNSET,
    source: str | Unset = UNSET,
    status: str | Unset = UNSET,

) -> Error | PaginatedFlagList | None:
    """  Flags, newest first; filter with ?deliberation=slug&kind=card&source=report&status=open.

    Args:
        deliberation (str | Unset):
        kind (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        ordering (str | Unset):
        search (str | Unset):
        source (str | Unset):
        status (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedFlagList
     """


    return (await asyncio_detailed(
        client=client,
deliberation=deliberation,
kind=kind,
limit=limit,
offset=offset,
ordering=ordering,
search=search,
source=source,
status=status,

    )).parsed
