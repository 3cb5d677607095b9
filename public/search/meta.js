DossierSearch.meta({"buckets":2,"documents":101,"shardSize":100});
