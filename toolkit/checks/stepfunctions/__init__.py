"""Step Functions checks: FSBP StepFunctions.1 (logging turned on).

State machines are named by their name (unique in an account and region).
"""
