"""What differs between Windows, macOS and Linux, one small module each.

Every module here picks its way by asking the running Python what it can do (`hasattr`,
`try`/`except`), never by the name of the system (`sys.platform`), so the Windows way is
exercised on Linux by removing the capability (tests/windows/). The rest of kehoach calls
only these modules for anything a system does its own way:

- `durable`: making written files durable before they are renamed into place;
- `files`: permissions, hidden files, putting a file in place over one that may be open;
- `processes`: is a process alive, cleaning up when told to stop, worker processes;
- `deadline`: a time limit on Python code (a user's template);
- `office`: where LibreOffice is;
- `console`: Vietnamese on standard output whatever its encoding;
- `lock`: one writer at a time in a folder of plans, across threads and processes.

The list of every remaining system-specific call and why it is safe is in
docs/he-dieu-hanh.md.
"""
