"""EMR checks: FSBP EMR.2 (the account's block public access setting is on, with no port but 22
permitted), judged per account and region and named by the account id.
"""
