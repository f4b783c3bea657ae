from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.voting_session import VotingSession
from typing import cast



def _get_kwargs(
    slug: str,
    *,
    question: int,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["question"] = question


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/deliberations/{slug}/hypotheses/session/".format(slug=quote(str(slug), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | VotingSession | None:
    if response.status_code == 200:
        response_200 = VotingSession.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | VotingSession]:
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
    question: int,

) -> Response[Error | VotingSession]:
    """  The caller's voting session for a question: a finite, balanced set of stories that
    ends (the voting page's). Vote with POST votes/ (hypothesis id); POST here for another.

    Args:
        slug (str):
        question (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | VotingSession]
     """


    kwargs = _get_kwargs(
        slug=slug,
question=question,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    slug: str,
    *,
    client: AuthenticatedClient,
    question: int,

) -> Error | VotingSession | None:
    """  The caller's voting session for a question: a finite, balanced set of stories that
    ends (the voting page's). Vote with POST votes/ (hypothesis id); POST here for another.

    Args:
        slug (str):
        question (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | VotingSession
     """


    return sync_detailed(
        slug=slug,
client=client,
question=question,

    ).parsed

async def asyncio_detailed(
    slug: str,
    *,
    client: AuthenticatedClient,
    question: int,

) -> Response[Error | VotingSession]:
    """  The caller's voting session for a question: a finite, balanced set of stories that
    ends (the voting page's). Vote with POST votes/ (hypothesis id); POST here for another.

    Args:
        slug (str):
        question (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | VotingSession]
     """


    kwargs = _get_kwargs(
        slug=slug,
question=question,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    slug: str,
    *,
    client: AuthenticatedClient,
    question: int,

) -> Error | VotingSession | None:
    """  The caller's voting session for a question: a finite, balanced set of stories that
    ends (the voting page's). Vote with POST votes/ (hypothesis id); POST here for another.

    Args:
        slug (str):
        question (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | VotingSession
     """


    return (await asyncio_detailed(
        slug=slug,
client=client,
question=question,

    )).parsed
