"""Scale-out: corpus shards and partitions, extraction on Dask into Parquet parts, DuckDB analytics over
them, and loading them into the store. Dask is imported only inside the functions that start a cluster."""
