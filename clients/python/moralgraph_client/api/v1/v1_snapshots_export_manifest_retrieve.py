from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.manifest import Manifest
from ...models.v1_snapshots_export_manifest_retrieve_format import V1SnapshotsExportManifestRetrieveFormat
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    id: int,
    *,
    format_: V1SnapshotsExportManifestRetrieveFormat | Unset = V1SnapshotsExportManifestRetrieveFormat.JSON,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/snapshots/{id}/export/manifest/".format(id=quote(str(id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Manifest | None:
    if response.status_code == 200:
        response_200 = Manifest.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Manifest]:
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
    format_: V1SnapshotsExportManifestRetrieveFormat | Unset = V1SnapshotsExportManifestRetrieveFormat.JSON,

) -> Response[Error | Manifest]:
    """  What the export was made from (input hash, parameters, as-of, code version) and exportHash, the
    SHA-256 of its bytes (those before its manifest line, for json, graphml and jsonl, which also carry
    it as their last line).

    Args:
        id (int):
        format_ (V1SnapshotsExportManifestRetrieveFormat | Unset):  Default:
            V1SnapshotsExportManifestRetrieveFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Manifest]
     """


    kwargs = _get_kwargs(
        id=id,
format_=format_,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    id: int,
    *,
    client: AuthenticatedClient,
    format_: V1SnapshotsExportManifestRetrieveFormat | Unset = V1SnapshotsExportManifestRetrieveFormat.JSON,

) -> Error | Manifest | None:
    """  What the export was made from (input hash, parameters, as-of, code version) and exportHash, the
    SHA-256 of its bytes (those before its manifest line, for json, graphml and jsonl, which also carry
    it as their last line).

    Args:
        id (int):
        format_ (V1SnapshotsExportManifestRetrieveFormat | Unset):  Default:
            V1SnapshotsExportManifestRetrieveFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Manifest
     """


    return sync_detailed(
        id=id,
client=client,
format_=format_,

    ).parsed

async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    format_: V1SnapshotsExportManifestRetrieveFormat | Unset = V1SnapshotsExportManifestRetrieveFormat.JSON,

) -> Response[Error | Manifest]:
    """  What the export was made from (input hash, parameters, as-of, code version) and exportHash, the
    SHA-256 of its bytes (those before its manifest line, for json, graphml and jsonl, which also carry
    it as their last line).

    Args:
        id (int):
        format_ (V1SnapshotsExportManifestRetrieveFormat | Unset):  Default:
            V1SnapshotsExportManifestRetrieveFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Manifest]
     """


    kwargs = _get_kwargs(
        id=id,
format_=format_,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    format_: V1SnapshotsExportManifestRetrieveFormat | Unset = V1SnapshotsExportManifestRetrieveFormat.JSON,

) -> Error | Manifest | None:
    """  What the export was made from (input hash, parameters, as-of, code version) and exportHash, the
    SHA-256 of its bytes (those before its manifest line, for json, graphml and jsonl, which also carry
    it as their last line).

    Args:
        id (int):
        format_ (V1SnapshotsExportManifestRetrieveFormat | Unset):  Default:
            V1SnapshotsExportManifestRetrieveFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Manifest
     """


    return (await asyncio_detailed(
        id=id,
client=client,
format_=format_,

    )).parsed
