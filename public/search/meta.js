DossierSearch.meta({"buckets":5,"documents":101,"shardSize":100});
