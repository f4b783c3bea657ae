from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...types import File, FileTypes
from io import BytesIO
from typing import cast



def _get_kwargs(
    slug: str,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/deliberations/{slug}/snapshots/latest/export/csv/".format(slug=quote(str(slug), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error | File | None:
    if response.status_code == 200:
        response_200 = File(
             payload = BytesIO(response.content)
        )



        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 401:
        response_401 = Error.from_dict(response.content)



        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.content)



        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.content)



        return response_404

    if response.status_code == 409:
        response_409 = Error.from_dict(response.content)



        return response_409

    if response.status_code == 429:
        response_429 = Error.from_dict(response.content)



        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Error | File]:
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

) -> Response[Any | Error | File]:
    """  The csv export of the snapshot, as text/csv. Headers: ETag (strong; If-None-Match may name it weakly
    or strongly), Last-Modified (If-Modified-Since), Cache-Control (immutable for an id, no-cache for
    `latest`, which also names the id-addressed URL in Content-Location), Vary: Accept.

    Args:
        slug (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | File]
     """


    kwargs = _get_kwargs(
        slug=slug,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    slug: str,
    *,
    client: AuthenticatedClient,

) -> Any | Error | File | None:
    """  The csv export of the snapshot, as text/csv. Headers: ETag (strong; If-None-Match may name it weakly
    or strongly), Last-Modified (If-Modified-Since), Cache-Control (immutable for an id, no-cache for
    `latest`, which also names the id-addressed URL in Content-Location), Vary: Accept.

    Args:
        slug (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | File
     """


    return sync_detailed(
        slug=slug,
client=client,

    ).parsed

async def asyncio_detailed(
    slug: str,
    *,
    client: AuthenticatedClient,

) -> Response[Any | Error | File]:
    """  The csv export of the snapshot, as text/csv. Headers: ETag (strong; If-None-Match may name it weakly
    or strongly), Last-Modified (If-Modified-Since), Cache-Control (immutable for an id, no-cache for
    `latest`, which also names the id-addressed URL in Content-Location), Vary: Accept.

    Args:
        slug (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | File]
     """


    kwargs = _get_kwargs(
        slug=slug,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    slug: str,
    *,
    client: AuthenticatedClient,

) -> Any | Error | File | None:
    """  The csv export of the snapshot, as text/csv. Headers: ETag (strong; If-None-Match may name it weakly
    or strongly), Last-Modified (If-Modified-Since), Cache-Control (immutable for an id, no-cache for
    `latest`, which also names the id-addressed URL in Content-Location), Vary: Accept.

    Args:
        slug (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | File
     """


    return (await asyncio_detailed(
        slug=slug,
client=client,

    )).parsed
