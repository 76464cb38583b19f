"""Parts of :class:`astravue_async.testing.FakeAstravue`, the in-process fake of the API.

Private: import the fake from :mod:`astravue_async.testing`. One module per job:

* ``clock``: controllable time; ``journal``: counters, request log, response recorder;
* ``faults``: injected failures; ``tokens`` + ``keycloak``: the OAuth side;
* ``state`` (records), ``dto`` (wire shapes), ``validate`` (request parsing), ``notify``;
* ``ops_*``: one handler per API operation; ``api``: routing and the request pipeline.
"""
