"""Running the coder over many stories: storing them (`ingest`), a pool of worker processes
(`parallel`), a Dask cluster (`distributed`), and scoring against gold files (`evaluate`)."""
