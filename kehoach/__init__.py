"""kehoach: kế hoạch của cấp ủy Đảng từ một tệp YAML ra văn bản đúng thể thức."""

__version__ = "0.1.0"
