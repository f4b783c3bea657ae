from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.v1_snapshots_reports_equilibrium_retrieve_psi import V1SnapshotsReportsEquilibriumRetrievePsi
from ...models.v1_snapshots_reports_equilibrium_retrieve_response_200 import V1SnapshotsReportsEquilibriumRetrieveResponse200
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    id: int,
    *,
    agents: int | Unset = UNSET,
    align: bool | Unset = True,
    attractiveness: str | Unset = 'share',
    beta_a: float | Unset = UNSET,
    beta_d: float | Unset = UNSET,
    beta_i: float | Unset = UNSET,
    group_by: str,
    power: float | Unset = UNSET,
    psi: V1SnapshotsReportsEquilibriumRetrievePsi | Unset = V1SnapshotsReportsEquilibriumRetrievePsi.IDENTITY,
    smoothing: float | Unset = UNSET,
    threshold: float | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["agents"] = agents

    params["align"] = align

    params["attractiveness"] = attractiveness

    params["beta_a"] = beta_a

    params["beta_d"] = beta_d

    params["beta_i"] = beta_i

    params["group_by"] = group_by

    params["power"] = power

    json_psi: str | Unset = UNSET
    if not isinstance(psi, Unset):
        json_psi = psi.value

    params["psi"] = json_psi

    params["smoothing"] = smoothing

    params["threshold"] = threshold


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/snapshots/{id}/reports/equilibrium/".format(id=quote(str(id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | V1SnapshotsReportsEquilibriumRetrieveResponse200 | None:
    if response.status_code == 200:
        response_200 = V1SnapshotsReportsEquilibriumRetrieveResponse200.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | V1SnapshotsReportsEquilibriumRetrieveResponse200]:
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
    agents: int | Unset = UNSET,
    align: bool | Unset = True,
    attractiveness: str | Unset = 'share',
    beta_a: float | Unset = UNSET,
    beta_d: float | Unset = UNSET,
    beta_i: float | Unset = UNSET,
    group_by: str,
    power: float | Unset = UNSET,
    psi: V1SnapshotsReportsEquilibriumRetrievePsi | Unset = V1SnapshotsReportsEquilibriumRetrievePsi.IDENTITY,
    smoothing: float | Unset = UNSET,
    threshold: float | Unset = UNSET,

) -> Response[Error | V1SnapshotsReportsEquilibriumRetrieveResponse200]:
    """  Population equilibrium (Wang et al. 2026): groups, a, C, beta, agents, weights (one row per agent),
    excluded, kkt_residual (≤ 1e-8), the symmetric closed form where it applies, and active_alignment:
    the smallest change of one incentive (β_A, β_I, β_D or the excluded groups' attractiveness) under
    which no group is excluded.

    Args:
        id (int):
        agents (int | Unset):
        align (bool | Unset):  Default: True.
        attractiveness (str | Unset):  Default: 'share'.
        beta_a (float | Unset):
        beta_d (float | Unset):
        beta_i (float | Unset):
        group_by (str):
        power (float | Unset):
        psi (V1SnapshotsReportsEquilibriumRetrievePsi | Unset):  Default:
            V1SnapshotsReportsEquilibriumRetrievePsi.IDENTITY.
        smoothing (float | Unset):
        threshold (float | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | V1SnapshotsReportsEquilibriumRetrieveResponse200]
     """


    kwargs = _get_kwargs(
        id=id,
agents=agents,
align=align,
attractiveness=attractiveness,
beta_a=beta_a,
beta_d=beta_d,
beta_i=beta_i,
group_by=group_by,
power=power,
psi=psi,
smoothing=smoothing,
threshold=threshold,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    id: int,
    *,
    client: AuthenticatedClient,
    agents: int | Unset = UNSET,
    align: bool | Unset = True,
    attractiveness: str | Unset = 'share',
    beta_a: float | Unset = UNSET,
    beta_d: float | Unset = UNSET,
    beta_i: float | Unset = UNSET,
    group_by: str,
    power: float | Unset = UNSET,
    psi: V1SnapshotsReportsEquilibriumRetrievePsi | Unset = V1SnapshotsReportsEquilibriumRetrievePsi.IDENTITY,
    smoothing: float | Unset = UNSET,
    threshold: float | Unset = UNSET,

) -> Error | V1SnapshotsReportsEquilibriumRetrieveResponse200 | None:
    """  Population equilibrium (Wang et al. 2026): groups, a, C, beta, agents, weights (one row per agent),
    excluded, kkt_residual (≤ 1e-8), the symmetric closed form where it applies, and active_alignment:
    the smallest change of one incentive (β_A, β_I, β_D or the excluded groups' attractiveness) under
    which no group is excluded.

    Args:
        id (int):
        agents (int | Unset):
        align (bool | Unset):  Default: True.
        attractiveness (str | Unset):  Default: 'share'.
        beta_a (float | Unset):
        beta_d (float | Unset):
        beta_i (float | Unset):
        group_by (str):
        power (float | Unset):
        psi (V1SnapshotsReportsEquilibriumRetrievePsi | Unset):  Default:
            V1SnapshotsReportsEquilibriumRetrievePsi.IDENTITY.
        smoothing (float | Unset):
        threshold (float | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | V1SnapshotsReportsEquilibriumRetrieveResponse200
     """


    return sync_detailed(
        id=id,
client=client,
agents=agents,
align=align,
attractiveness=attractiveness,
beta_a=beta_a,
beta_d=beta_d,
beta_i=beta_i,
group_by=group_by,
power=power,
psi=psi,
smoothing=smoothing,
threshold=threshold,

    ).parsed

async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    agents: int | Unset = UNSET,
    align: bool | Unset = True,
    attractiveness: str | Unset = 'share',
    beta_a: float | Unset = UNSET,
    beta_d: float | Unset = UNSET,
    beta_i: float | Unset = UNSET,
    group_by: str,
    power: float | Unset = UNSET,
    psi: V1SnapshotsReportsEquilibriumRetrievePsi | Unset = V1SnapshotsReportsEquilibriumRetrievePsi.IDENTITY,
    smoothing: float | Unset = UNSET,
    threshold: float | Unset = UNSET,

) -> Response[Error | V1SnapshotsReportsEquilibriumRetrieveResponse200]:
    """  Population equilibrium (Wang et al. 2026): groups, a, C, beta, agents, weights (one row per agent),
    excluded, kkt_residual (≤ 1e-8), the symmetric closed form where it applies, and active_alignment:
    the smallest change of one incentive (β_A, β_I, β_D or the excluded groups' attractiveness) under
    which no group is excluded.

    Args:
        id (int):
        agents (int | Unset):
        align (bool | Unset):  Default: True.
        attractiveness (str | Unset):  Default: 'share'.
        beta_a (float | Unset):
        beta_d (float | Unset):
        beta_i (float | Unset):
        group_by (str):
        power (float | Unset):
        psi (V1SnapshotsReportsEquilibriumRetrievePsi | Unset):  Default:
            V1SnapshotsReportsEquilibriumRetrievePsi.IDENTITY.
        smoothing (float | Unset):
        threshold (float | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | V1SnapshotsReportsEquilibriumRetrieveResponse200]
     """


    kwargs = _get_kwargs(
        id=id,
agents=agents,
align=align,
attractiveness=attractiveness,
beta_a=beta_a,
beta_d=beta_d,
beta_i=beta_i,
group_by=group_by,
power=power,
psi=psi,
smoothing=smoothing,
threshold=threshold,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    agents: int | Unset = UNSET,
    align: bool | Unset = True,
    attractiveness: str | Unset = 'share',
    beta_a: float | Unset = UNSET,
    beta_d: float | Unset = UNSET,
    beta_i: float | Unset = UNSET,
    group_by: str,
    power: float | Unset = UNSET,
    psi: V1SnapshotsReportsEquilibriumRetrievePsi | Unset = V1SnapshotsReportsEquilibriumRetrievePsi.IDENTITY,
    smoothing: float | Unset = UNSET,
    threshold: float | Unset = UNSET,

) -> Error | V1SnapshotsReportsEquilibriumRetrieveResponse200 | None:
    """  Population equilibrium (Wang et al. 2026): groups, a, C, beta, agents, weights (one row per agent),
    excluded, kkt_residual (≤ 1e-8), the symmetric closed form where it applies, and active_alignment:
    the smallest change of one incentive (β_A, β_I, β_D or the excluded groups' attractiveness) under
    which no group is excluded.

    Args:
        id (int):
        agents (int | Unset):
        align (bool | Unset):  Default: True.
        attractiveness (str | Unset):  Default: 'share'.
        beta_a (float | Unset):
        beta_d (float | Unset):
        beta_i (float | Unset):
        group_by (str):
        power (float | Unset):
        psi (V1SnapshotsReportsEquilibriumRetrievePsi | Unset):  Default:
            V1SnapshotsReportsEquilibriumRetrievePsi.IDENTITY.
        smoothing (float | Unset):
        threshold (float | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | V1SnapshotsReportsEquilibriumRetrieveResponse200
     """


    return (await asyncio_detailed(
        id=id,
client=client,
agents=agents,
align=align,
attractiveness=attractiveness,
beta_a=beta_a,
beta_d=beta_d,
beta_i=beta_i,
group_by=group_by,
power=power,
psi=psi,
smoothing=smoothing,
threshold=threshold,

    )).parsed
