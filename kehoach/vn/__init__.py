"""The written forms of the official format (numbers, dates, số và ký hiệu, labels …)."""
