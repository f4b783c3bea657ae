from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.survey_answers import SurveyAnswers
from ...models.v1_deliberations_survey_create_response_200 import V1DeliberationsSurveyCreateResponse200
from typing import cast



def _get_kwargs(
    slug: str,
    *,
    body: SurveyAnswers,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/deliberations/{slug}/survey/".format(slug=quote(str(slug), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | V1DeliberationsSurveyCreateResponse200 | None:
    if response.status_code == 200:
        response_200 = V1DeliberationsSurveyCreateResponse200.from_dict(response.json())



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

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())



        return response_415

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())



        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | V1DeliberationsSurveyCreateResponse200]:
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
    body: SurveyAnswers,

) -> Response[Error | V1DeliberationsSurveyCreateResponse200]:
    """  The survey's questions (end of the flow, and after the graph view) and the caller's
    answers; POST answers (kind=end or placement).

    Args:
        slug (str):
        body (SurveyAnswers):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | V1DeliberationsSurveyCreateResponse200]
     """


    kwargs = _get_kwargs(
        slug=slug,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    slug: str,
    *,
    client: AuthenticatedClient,
    body: SurveyAnswers,

) -> Error | V1DeliberationsSurveyCreateResponse200 | None:
    """  The survey's questions (end of the flow, and after the graph view) and the caller's
    answers; POST answers (kind=end or placement).

    Args:
        slug (str):
        body (SurveyAnswers):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | V1DeliberationsSurveyCreateResponse200
     """


    return sync_detailed(
        slug=slug,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    slug: str,
    *,
    client: AuthenticatedClient,
    body: SurveyAnswers,

) -> Response[Error | V1DeliberationsSurveyCreateResponse200]:
    """  The survey's questions (end of the flow, and after the graph view) and the caller's
    answers; POST answers (kind=end or placement).

    Args:
        slug (str):
        body (SurveyAnswers):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | V1DeliberationsSurveyCreateResponse200]
     """


    kwargs = _get_kwargs(
        slug=slug,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    slug: str,
    *,
    client: AuthenticatedClient,
    body: SurveyAnswers,

) -> Error | V1DeliberationsSurveyCreateResponse200 | None:
    """  The survey's questions (end of the flow, and after the graph view) and the caller's
    answers; POST answers (kind=end or placement).

    Args:
        slug (str):
        body (SurveyAnswers):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | V1DeliberationsSurveyCreateResponse200
     """


    return (await asyncio_detailed(
        slug=slug,
client=client,
body=body,

    )).parsed
