from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.v1_deliberations_survey_results_retrieve_format import V1DeliberationsSurveyResultsRetrieveFormat
from ...models.v1_deliberations_survey_results_retrieve_response_200 import V1DeliberationsSurveyResultsRetrieveResponse200
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    slug: str,
    *,
    format_: V1DeliberationsSurveyResultsRetrieveFormat | Unset = V1DeliberationsSurveyResultsRetrieveFormat.JSON,
    group_by: str | Unset = UNSET,

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
        "url": "/api/v1/deliberations/{slug}/survey/results/".format(slug=quote(str(slug), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | V1DeliberationsSurveyResultsRetrieveResponse200 | None:
    if response.status_code == 200:
        response_200 = V1DeliberationsSurveyResultsRetrieveResponse200.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | V1DeliberationsSurveyResultsRetrieveResponse200]:
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
    format_: V1DeliberationsSurveyResultsRetrieveFormat | Unset = V1DeliberationsSurveyResultsRetrieveFormat.JSON,
    group_by: str | Unset = UNSET,

) -> Response[Error | V1DeliberationsSurveyResultsRetrieveResponse200]:
    """  Results per question (respondents, mean, share answering 4–5, distribution), and per
    group with ?group_by= (groups of at least five; withheld cells otherwise).

    Args:
        slug (str):
        format_ (V1DeliberationsSurveyResultsRetrieveFormat | Unset):  Default:
            V1DeliberationsSurveyResultsRetrieveFormat.JSON.
        group_by (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | V1DeliberationsSurveyResultsRetrieveResponse200]
     """


    kwargs = _get_kwargs(
        slug=slug,
format_=format_,
group_by=group_by,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    slug: str,
    *,
    client: AuthenticatedClient,
    format_: V1DeliberationsSurveyResultsRetrieveFormat | Unset = V1DeliberationsSurveyResultsRetrieveFormat.JSON,
    group_by: str | Unset = UNSET,

) -> Error | V1DeliberationsSurveyResultsRetrieveResponse200 | None:
    """  Results per question (respondents, mean, share answering 4–5, distribution), and per
    group with ?group_by= (groups of at least five; withheld cells otherwise).

    Args:
        slug (str):
        format_ (V1DeliberationsSurveyResultsRetrieveFormat | Unset):  Default:
            V1DeliberationsSurveyResultsRetrieveFormat.JSON.
        group_by (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | V1DeliberationsSurveyResultsRetrieveResponse200
     """


    return sync_detailed(
        slug=slug,
client=client,
format_=format_,
group_by=group_by,

    ).parsed

async def asyncio_detailed(
    slug: str,
    *,
    client: AuthenticatedClient,
    format_: V1DeliberationsSurveyResultsRetrieveFormat | Unset = V1DeliberationsSurveyResultsRetrieveFormat.JSON,
    group_by: str | Unset = UNSET,

) -> Response[Error | V1DeliberationsSurveyResultsRetrieveResponse200]:
    """  Results per question (respondents, mean, share answering 4–5, distribution), and per
    group with ?group_by= (groups of at least five; withheld cells otherwise).

    Args:
        slug (str):
        format_ (V1DeliberationsSurveyResultsRetrieveFormat | Unset):  Default:
            V1DeliberationsSurveyResultsRetrieveFormat.JSON.
        group_by (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | V1DeliberationsSurveyResultsRetrieveResponse200]
     """


    kwargs = _get_kwargs(
        slug=slug,
format_=format_,
group_by=group_by,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    slug: str,
    *,
    client: AuthenticatedClient,
    format_: V1DeliberationsSurveyResultsRetrieveFormat | Unset = V1DeliberationsSurveyResultsRetrieveFormat.JSON,
    group_by: str | Unset = UNSET,

) -> Error | V1DeliberationsSurveyResultsRetrieveResponse200 | None:
    """  Results per question (respondents, mean, share answering 4–5, distribution), and per
    group with ?group_by= (groups of at least five; withheld cells otherwise).

    Args:
        slug (str):
        format_ (V1DeliberationsSurveyResultsRetrieveFormat | Unset):  Default:
            V1DeliberationsSurveyResultsRetrieveFormat.JSON.
        group_by (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | V1DeliberationsSurveyResultsRetrieveResponse200
     """


    return (await asyncio_detailed(
        slug=slug,
client=client,
format_=format_,
group_by=group_by,

    )).parsed
