from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.paginated_target_list import PaginatedTargetList
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    deliberation_slug: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    search: str | Unset = UNSET,
    snapshot: int | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["deliberation__slug"] = deliberation_slug

    params["limit"] = limit

    params["offset"] = offset

    params["ordering"] = ordering

    params["search"] = search

    params["snapshot"] = snapshot


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/targets/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedTargetList | None:
    if response.status_code == 200:
        response_200 = PaginatedTargetList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedTargetList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    deliberation_slug: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    search: str | Unset = UNSET,
    snapshot: int | Unset = UNSET,

) -> Response[Error | PaginatedTargetList]:
    """  Alignment targets: per context, the ranked values and a rubric from their attentional policies.

    Args:
        deliberation_slug (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        ordering (str | Unset):
        search (str | Unset):
        snapshot (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedTargetList]
     """


    kwargs = _get_kwargs(
        deliberation_slug=deliberation_slug,
limit=limit,
offset=offset,
ordering=ordering,
search=search,
snapshot=snapshot,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    deliberation_slug: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    search: str | Unset = UNSET,
    snapshot: int | Unset = UNSET,

) -> Error | PaginatedTargetList | None:
    """  Alignment targets: per context, the ranked values and a rubric from their attentional policies.

    Args:
        deliberation_slug (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        ordering (str | Unset):
        search (str | Unset):
        snapshot (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedTargetList
     """


    return sync_detailed(
        client=client,
deliberation_slug=deliberation_slug,
limit=limit,
offset=offset,
ordering=ordering,
search=search,
snapshot=snapshot,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    deliberation_slug: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    search: str | Unset = UNSET,
    snapshot: int | Unset = UNSET,

) -> Response[Error | PaginatedTargetList]:
    """  Alignment targets: per context, the ranked values and a rubric from their attentional policies.

    Args:
        deliberation_slug (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        ordering (str | Unset):
        search (str | Unset):
        snapshot (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedTargetList]
     """


    kwargs = _get_kwargs(
        deliberation_slug=deliberation_slug,
limit=limit,
offset=offset,
ordering=ordering,
search=search,
snapshot=snapshot,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    deliberation_slug: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    search: str | Unset = UNSET,
    snapshot: int | Unset = UNSET,

) -> Error | PaginatedTargetList | None:
    """  Alignment targets: per context, the ranked values and a rubric from their attentional policies.

    Args:
        deliberation_slug (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        ordering (str | Unset):
        search (str | Unset):
        snapshot (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedTargetList
     """


    return (await asyncio_detailed(
        client=client,
deliberation_slug=deliberation_slug,
limit=limit,
offset=offset,
ordering=ordering,
search=search,
snapshot=snapshot,

    )).parsed
