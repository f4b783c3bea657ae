from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.paginated_job_list import PaginatedJobList
from ...models.v1_jobs_list_setting import V1JobsListSetting
from ...models.v1_jobs_list_status import V1JobsListStatus
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    search: str | Unset = UNSET,
    setting: V1JobsListSetting | Unset = UNSET,
    status: V1JobsListStatus | Unset = UNSET,
    target: int | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    params["ordering"] = ordering

    params["search"] = search

    json_setting: str | Unset = UNSET
    if not isinstance(setting, Unset):
        json_setting = setting.value

    params["setting"] = json_setting

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["target"] = target


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/jobs/",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | PaginatedJobList | None:
    if response.status_code == 200:
        response_200 = PaginatedJobList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | PaginatedJobList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    search: str | Unset = UNSET,
    setting: V1JobsListSetting | Unset = UNSET,
    status: V1JobsListStatus | Unset = UNSET,
    target: int | Unset = UNSET,

) -> Response[Error | PaginatedJobList]:
    """  Alignment jobs: launch, follow, read metrics and artifacts, cancel.

    Args:
        limit (int | Unset):
        offset (int | Unset):
        ordering (str | Unset):
        search (str | Unset):
        setting (V1JobsListSetting | Unset):
        status (V1JobsListStatus | Unset):
        target (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedJobList]
     """


    kwargs = _get_kwargs(
        limit=limit,
offset=offset,
ordering=ordering,
search=search,
setting=setting,
status=status,
target=target,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    search: str | Unset = UNSET,
    setting: V1JobsListSetting | Unset = UNSET,
    status: V1JobsListStatus | Unset = UNSET,
    target: int | Unset = UNSET,

) -> Error | PaginatedJobList | None:
    """  Alignment jobs: launch, follow, read metrics and artifacts, cancel.

    Args:
        limit (int | Unset):
        offset (int | Unset):
        ordering (str | Unset):
        search (str | Unset):
        setting (V1JobsListSetting | Unset):
        status (V1JobsListStatus | Unset):
        target (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedJobList
     """


    return sync_detailed(
        client=client,
limit=limit,
offset=offset,
ordering=ordering,
search=search,
setting=setting,
status=status,
target=target,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    search: str | Unset = UNSET,
    setting: V1JobsListSetting | Unset = UNSET,
    status: V1JobsListStatus | Unset = UNSET,
    target: int | Unset = UNSET,

) -> Response[Error | PaginatedJobList]:
    """  Alignment jobs: launch, follow, read metrics and artifacts, cancel.

    Args:
        limit (int | Unset):
        offset (int | Unset):
        ordering (str | Unset):
        search (str | Unset):
        setting (V1JobsListSetting | Unset):
        status (V1JobsListStatus | Unset):
        target (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | PaginatedJobList]
     """


    kwargs = _get_kwargs(
        limit=limit,
offset=offset,
ordering=ordering,
search=search,
setting=setting,
status=status,
target=target,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    ordering: str | Unset = UNSET,
    search: str | Unset = UNSET,
    setting: V1JobsListSetting | Unset = UNSET,
    status: V1JobsListStatus | Unset = UNSET,
    target: int | Unset = UNSET,

) -> Error | PaginatedJobList | None:
    """  Alignment jobs: launch, follow, read metrics and artifacts, cancel.

    Args:
        limit (int | Unset):
        offset (int | Unset):
        ordering (str | Unset):
        search (str | Unset):
        setting (V1JobsListSetting | Unset):
        status (V1JobsListStatus | Unset):
        target (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | PaginatedJobList
     """


    return (await asyncio_detailed(
        client=client,
limit=limit,
offset=offset,
ordering=ordering,
search=search,
setting=setting,
status=status,
target=target,

    )).parsed
