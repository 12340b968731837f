"""The sandbox's state and what it does with it, apart from HTTP.

`sandbox` holds the `Sandbox` and its operations; `store` the jobs and videos over time;
`journal` keeps them on disk with `--state-dir`; `bodies` the JSON bodies it answers with;
`faults` the faults it injects; `callbacks` the delivery of results to `callback_url`.
"""
