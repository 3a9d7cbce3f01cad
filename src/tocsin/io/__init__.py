"""Stories in and events out: reading stories from files (`inputs`), writing coded events
(`outputs`), exporting a store in the formats users load (`exports`), and deduplication
(`dedup`)."""
