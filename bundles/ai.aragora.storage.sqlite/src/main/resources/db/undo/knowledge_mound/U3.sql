DROP TABLE km_schedules;
