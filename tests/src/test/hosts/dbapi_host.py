"""Python's DB-API over the driver jar, through JPype's jpype.dbapi2 (Debian's python3-jpype), as a data scientist
uses it: qmark parameters, dates and decimals both ways, a template call with bound arguments, commit/rollback.
Prints one key=value line per finding; an exception fails the program with its traceback.

Arguments: the driver jar, the JDBC URL of a standalone local Clean Rooms, its secret access key.
"""
import datetime
import os
import sys

import jpype
import jpype.dbapi2 as dbapi2

jar, url, secret = sys.argv[1:4]
# Debian's python3-jpype keeps JPype's own support jar apart, in /usr/share/java; an explicit class path must name it
SUPPORT = "/usr/share/java/org.jpype.jar"
jpype.startJVM(classpath=[jar] + ([SUPPORT] if os.path.exists(SUPPORT) else []), convertStrings=True)
conn = dbapi2.connect(url, driver="dev.cleanroomsjdbc.driver.CleanRoomsDriver", driver_args={"password": secret})
cur = conn.cursor()

cur.execute("SELECT segment, COUNT(*) AS n FROM demo.customers WHERE segment = ? GROUP BY segment", ["vip"])
print("select=" + ",".join("%s:%s" % (r[0], r[1]) for r in cur.fetchall()))

cur.execute("SELECT signup_date, lifetime_value FROM demo.customers WHERE signup_date >= ?"
            " ORDER BY signup_date LIMIT 1", [datetime.date(2023, 6, 1)])
row = cur.fetchone()
print("date.type=" + type(row[0]).__name__)
print("date.onOrAfter=" + str(row[0] >= datetime.date(2023, 6, 1)).lower())
print("decimal.type=" + type(row[1]).__name__)

cur.execute("CALL demo.customers_by_segment(min_value => ?, skip_segment => ?)", [0, "vip"])
print("call.columns=" + ",".join(d[0] for d in cur.description))
print("call=" + ",".join(sorted("%s:%s" % (r[0], r[1]) for r in cur.fetchall())))

conn.commit()
conn.rollback()
print("commit=ok")
cur.close()
conn.close()
