#!/usr/bin/python3
"""Loopback FTP server for the content lab (pyftpdlib, Debian package
python3-pyftpdlib): one account with write access to FOLDER, passive ports
in a fixed range. The password is a throwaway for this lab only.
Usage: ftp_server.py PORT FOLDER USER PASSWORD
"""
import logging
import sys

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer


def main():
    port, folder, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    logging.basicConfig(level=logging.WARNING)
    authorizer = DummyAuthorizer()
    authorizer.add_user(user, password, folder, perm="elradfmw")
    handler = FTPHandler
    handler.authorizer = authorizer
    handler.passive_ports = range(port + 10, port + 20)
    handler.permit_foreign_addresses = False
    server = FTPServer(("127.0.0.1", port), handler)
    server.serve_forever()


if __name__ == "__main__":
    main()
