from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.v1_snapshots_reports_bridging_retrieve_format import V1SnapshotsReportsBridgingRetrieveFormat
from ...models.v1_snapshots_reports_bridging_retrieve_response_200 import V1SnapshotsReportsBridgingRetrieveResponse200
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    id: int,
    *,
    format_: V1SnapshotsReportsBridgingRetrieveFormat | Unset = V1SnapshotsReportsBridgingRetrieveFormat.JSON,
    group_by: str,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params["group_by"] = group_by


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/snapshots/{id}/reports/bridging/".format(id=quote(str(id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | V1SnapshotsReportsBridgingRetrieveResponse200 | None:
    if response.status_code == 200:
        response_200 = V1SnapshotsReportsBridgingRetrieveResponse200.from_dict(response.json())



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

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())



        return response_409

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())



        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | V1SnapshotsReportsBridgingRetrieveResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    format_: V1SnapshotsReportsBridgingRetrieveFormat | Unset = V1SnapshotsReportsBridgingRetrieveFormat.JSON,
    group_by: str,

) -> Response[Error | V1SnapshotsReportsBridgingRetrieveResponse200]:
    """  Bridging: per edge, each group's share voting wiser (withheld where fewer than five of the group
    voted, or where the voters left out would be fewer than five); edges endorsed by a majority of every
    group with enough voters; bridges (pairs of values different groups favour that point to the same
    wiser value); per context, whether its winner is endorsed across groups.

    Args:
        id (int):
        format_ (V1SnapshotsReportsBridgingRetrieveFormat | Unset):  Default:
            V1SnapshotsReportsBridgingRetrieveFormat.JSON.
        group_by (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | V1SnapshotsReportsBridgingRetrieveResponse200]
     """


    kwargs = _get_kwargs(
        id=id,
format_=format_,
group_by=group_by,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    id: int,
    *,
    client: AuthenticatedClient,
    format_: V1SnapshotsReportsBridgingRetrieveFormat | Unset = V1SnapshotsReportsBridgingRetrieveFormat.JSON,
    group_by: str,

) -> Error | V1SnapshotsReportsBridgingRetrieveResponse200 | None:
    """  Bridging: per edge, each group's share voting wiser (withheld where fewer than five of the group
    voted, or where the voters left out would be fewer than five); edges endorsed by a majority of every
    group with enough voters; bridges (pairs of values different groups favour that point to the same
    wiser value); per context, whether its winner is endorsed across groups.

    Args:
        id (int):
        format_ (V1SnapshotsReportsBridgingRetrieveFormat | Unset):  Default:
            V1SnapshotsReportsBridgingRetrieveFormat.JSON.
        group_by (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | V1SnapshotsReportsBridgingRetrieveResponse200
     """


    return sync_detailed(
        id=id,
client=client,
format_=format_,
group_by=group_by,

    ).parsed

async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    format_: V1SnapshotsReportsBridgingRetrieveFormat | Unset = V1SnapshotsReportsBridgingRetrieveFormat.JSON,
    group_by: str,

) -> Response[Error | V1SnapshotsReportsBridgingRetrieveResponse200]:
    """  Bridging: per edge, each group's share voting wiser (withheld where fewer than five of the group
    voted, or where the voters left out would be fewer than five); edges endorsed by a majority of every
    group with enough voters; bridges (pairs of values different groups favour that point to the same
    wiser value); per context, whether its winner is endorsed across groups.

    Args:
        id (int):
        format_ (V1SnapshotsReportsBridgingRetrieveFormat | Unset):  Default:
            V1SnapshotsReportsBridgingRetrieveFormat.JSON.
        group_by (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | V1SnapshotsReportsBridgingRetrieveResponse200]
     """


    kwargs = _get_kwargs(
        id=id,
format_=format_,
group_by=group_by,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    format_: V1SnapshotsReportsBridgingRetrieveFormat | Unset = V1SnapshotsReportsBridgingRetrieveFormat.JSON,
    group_by: str,

) -> Error | V1SnapshotsReportsBridgingRetrieveResponse200 | None:
    """  Bridging: per edge, each group's share voting wiser (withheld where fewer than five of the group
    voted, or where the voters left out would be fewer than five); edges endorsed by a majority of every
    group with enough voters; bridges (pairs of values different groups favour that point to the same
    wiser value); per context, whether its winner is endorsed across groups.

    Args:
        id (int):
        format_ (V1SnapshotsReportsBridgingRetrieveFormat | Unset):  Default:
            V1SnapshotsReportsBridgingRetrieveFormat.JSON.
        group_by (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | V1SnapshotsReportsBridgingRetrieveResponse200
     """


    return (await asyncio_detailed(
        id=id,
client=client,
format_=format_,
group_by=group_by,

    )).parsed
