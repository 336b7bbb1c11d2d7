Content-Length: 99999999999999999999

{}Content-Length: 5

{"a":Content-Length: -1

