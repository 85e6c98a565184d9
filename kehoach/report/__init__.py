"""The report on a plan's implementation (báo cáo sơ kết, tổng kết): drafted from the plan
and the filled indicator forms, by one unit on its own figures or by the level above on
its units'."""
