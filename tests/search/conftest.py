"""Search fixtures: ``consultation`` (registered from ``ConsultationFactory`` in tests/conftest.py)
is an open consultation on Draf 2 of ``egov_policy``, run by ``komdigi``, without input;
``analysed`` (tests/conftest.py) is one with input and analysis."""
