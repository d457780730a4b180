"""Files under var/ are private: the database, its -wal/-shm, the log, the secret key and the
attachments hold personal data, so only the account running dangvu may read them (0600, folders
0700), whatever the umask. No process-wide umask is set: it would also make collected static
files unreadable for the web server.

Imported by the logging configuration before Django's apps load: no models here.
"""

import os
from logging.handlers import RotatingFileHandler

FILE_MODE = 0o600
DIR_MODE = 0o700
SQLITE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def make_private(path):
    """Tighten an existing file to 0600 (a file written 0644 by an older version included)."""
    try:
        os.chmod(path, FILE_MODE)
    except FileNotFoundError:
        pass


class PrivateRotatingFileHandler(RotatingFileHandler):
    """The rotating log, each file created 0600 (rotation renames keep the mode)."""

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
        os.fchmod(fd, FILE_MODE)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)


def sqlite_files_private(sender, connection, **kwargs):
    """`connection_created`: the SQLite file 0600 as soon as it is opened. SQLite creates the
    -wal and -shm files with the database file's mode, so they follow; existing ones are
    tightened too."""
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return
    name = str(connection.settings_dict["NAME"])
    for suffix in SQLITE_SUFFIXES:
        make_private(name + suffix)
