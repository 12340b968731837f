"""The spec, as the sandbox reads it: the document, routing from its paths, and request and
response checks against it (openapi-core, with memo caches).

`document` loads openapi/videodb.yaml and looks things up in it; `paths` matches request paths
to its templates; `checks` validates requests and answers; `memo` holds openapi-core's
plug-ins that build what depends only on the spec once.
"""
