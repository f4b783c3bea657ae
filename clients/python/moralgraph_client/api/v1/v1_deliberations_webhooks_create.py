from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error import Error
from ...models.webhook_endpoint import WebhookEndpoint
from ...models.webhook_endpoint_created import WebhookEndpointCreated
from typing import cast



def _get_kwargs(
    slug: str,
    *,
    body: WebhookEndpoint,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/deliberations/{slug}/webhooks/".format(slug=quote(str(slug), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | WebhookEndpointCreated | None:
    if response.status_code == 201:
        response_201 = WebhookEndpointCreated.from_dict(response.json())



        return response_201

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | WebhookEndpointCreated]:
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
    body: WebhookEndpoint,

) -> Response[Error | WebhookEndpointCreated]:
    """  Register an endpoint (http or https; in production never a private, loopback or reserved address).
    The response holds its secret, shown this once. Each delivery is a POST of JSON {id, event,
    createdAt, deliberation, data} with headers X-MGP-Signature (t=<unix seconds>,v1=<hex HMAC-SHA256 of
    the secret over "<t>." + body>), X-MGP-Event and X-MGP-Delivery (the delivery id: the same on
    retries and redeliveries, so receivers can ignore repeats). Retried with exponential backoff on
    network errors, 408, 429 and 5xx.

    Args:
        slug (str):
        body (WebhookEndpoint):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | WebhookEndpointCreated]
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
    body: WebhookEndpoint,

) -> Error | WebhookEndpointCreated | None:
    """  Register an endpoint (http or https; in production never a private, loopback or reserved address).
    The response holds its secret, shown this once. Each delivery is a POST of JSON {id, event,
    createdAt, deliberation, data} with headers X-MGP-Signature (t=<unix seconds>,v1=<hex HMAC-SHA256 of
    the secret over "<t>." + body>), X-MGP-Event and X-MGP-Delivery (the delivery id: the same on
    retries and redeliveries, so receivers can ignore repeats). Retried with exponential backoff on
    network errors, 408, 429 and 5xx.

    Args:
        slug (str):
        body (WebhookEndpoint):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | WebhookEndpointCreated
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
    body: WebhookEndpoint,

) -> Response[Error | WebhookEndpointCreated]:
    """  Register an endpoint (http or https; in production never a private, loopback or reserved address).
    The response holds its secret, shown this once. Each delivery is a POST of JSON {id, event,
    createdAt, deliberation, data} with headers X-MGP-Signature (t=<unix seconds>,v1=<hex HMAC-SHA256 of
    the secret over "<t>." + body>), X-MGP-Event and X-MGP-Delivery (the delivery id: the same on
    retries and redeliveries, so receivers can ignore repeats). Retried with exponential backoff on
    network errors, 408, 429 and 5xx.

    Args:
        slug (str):
        body (WebhookEndpoint):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | WebhookEndpointCreated]
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
    body: WebhookEndpoint,

) -> Error | WebhookEndpointCreated | None:
    """  Register an endpoint (http or https; in production never a private, loopback or reserved address).
    The response holds its secret, shown this once. Each delivery is a POST of JSON {id, event,
    createdAt, deliberation, data} with headers X-MGP-Signature (t=<unix seconds>,v1=<hex HMAC-SHA256 of
    the secret over "<t>." + body>), X-MGP-Event and X-MGP-Delivery (the delivery id: the same on
    retries and redeliveries, so receivers can ignore repeats). Retried with exponential backoff on
    network errors, 408, 429 and 5xx.

    Args:
        slug (str):
        body (WebhookEndpoint):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | WebhookEndpointCreated
     """


    return (await asyncio_detailed(
        slug=slug,
client=client,
body=body,

    )).parsed
