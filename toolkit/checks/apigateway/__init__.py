"""API Gateway REST API checks: AWS Foundational Security Best Practices APIGateway.1 to .5 on
``apigateway.rest_api_stages``.

A stage is named by its API's id and its name (``API_ID/STAGE``, what the console's stage ARN
ends with); the detail names the API by its name.
"""
