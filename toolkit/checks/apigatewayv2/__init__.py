"""API Gateway V2 (HTTP and WebSocket API) checks: AWS Foundational Security Best Practices
APIGateway.1 (WebSocket execution logging) and APIGateway.9 (access logging) on
``apigatewayv2.stages``.

A stage is named by its API's id and its name (``API_ID/STAGE``); the detail names the API by
its name.
"""
