DROP INDEX debates_by_update;
