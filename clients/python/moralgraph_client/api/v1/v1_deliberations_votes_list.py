from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.paginated_vote_list import PaginatedVoteList
from ...models.v1_deliberations_votes_list_choice import V1DeliberationsVotesListChoice
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    slug: str,
    *,
    choice: V1DeliberationsVotesListChoice | Unset = UNSET,
    context: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    search: str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_choice: str | Unset = UNSET
    if not isinstance(choice, Unset):
        json_choice = choice.value

    params["choice"] = json_choice

    params["context"] = context

    params["limit"] = limit

    params["offset"] = offset

    params["ordering"] = ordering

    params["search"] = search


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/deliberations/{slug}/votes/".format(slug=quote(str(slug), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedVoteList | None:
    if response.status_code == 200:
        response_200 = PaginatedVoteList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedVoteList]:
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
    choice: V1DeliberationsVotesListChoice | Unset = UNSET,
    context: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    search: str | Unset = UNSET,

) -> Response[Error | PaginatedVoteList]:
    """  A participant's own wiser-than votes. POST again on the same pair and context to change it.

    Args:
        slug (str):
        choice (V1DeliberationsVotesListChoice | Unset):
        context (int | Unset):
        limit (int | Unset):
        offset (int | Unset):
        ordering (str | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedVoteList]
     """


    kwargs = _get_kwargs(
        slug=slug,
choice=choice,
context=context,
limit=limit,
offset=offset,
ordering=ordering,
search=search,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    slug: str,
    *,
    client: AuthenticatedClient,
    choice: V1DeliberationsVotesListChoice | Unset = UNSET,
    context: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    search: str | Unset = UNSET,

) -> Error | PaginatedVoteList | None:
    """  A participant's own wiser-than votes. POST again on the same pair and context to change it.

    Args:
        slug (str):
        choice (V1DeliberationsVotesListChoice | Unset):
        context (int | Unset):
        limit (int | Unset):
        offset (int | Unset):
        ordering (str | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedVoteList
     """


    return sync_detailed(
        slug=slug,
client=client,
choice=choice,
context=context,
limit=limit,
offset=offset,
ordering=ordering,
search=search,

    ).parsed

async def asyncio_detailed(
    slug: str,
    *,
    client: AuthenticatedClient,
    choice: V1DeliberationsVotesListChoice | Unset = UNSET,
    context: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    search: str | Unset = UNSET,

) -> Response[Error | PaginatedVoteList]:
    """  A participant's own wiser-than votes. POST again on the same pair and context to change it.

    Args:
        slug (str):
        choice (V1DeliberationsVotesListChoice | Unset):
        context (int | Unset):
        limit (int | Unset):
        offset (int | Unset):
        ordering (str | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedVoteList]
     """


    kwargs = _get_kwargs(
        slug=slug,
choice=choice,
context=context,
limit=limit,
offset=offset,
ordering=ordering,
search=search,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    slug: str,
    *,
    client: AuthenticatedClient,
    choice: V1DeliberationsVotesListChoice | Unset = UNSET,
    context: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    search: str | Unset = UNSET,

) -> Error | PaginatedVoteList | None:
    """  A participant's own wiser-than votes. POST again on the same pair and context to change it.

    Args:
        slug (str):
        choice (V1DeliberationsVotesListChoice | Unset):
        context (int | Unset):
        limit (int | Unset):
        offset (int | Unset):
        ordering (str | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedVoteList
     """


    return (await asyncio_detailed(
        slug=slug,
client=client,
choice=choice,
context=context,
limit=limit,
offset=offset,
ordering=ordering,
search=search,

    )).parsed
