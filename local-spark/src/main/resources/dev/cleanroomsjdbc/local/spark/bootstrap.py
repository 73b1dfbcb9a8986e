"""Runs one PySpark entry point for the local Clean Rooms, unchanged, as AWS Clean Rooms runs it.

The local Clean Rooms starts this file with the user's script and a token; PYSPARK_GATEWAY_PORT and
PYSPARK_GATEWAY_SECRET point PySpark at the engine's own JVM (as spark-submit does for a Python driver), whose
session already holds the job's referenced tables. The script's entrypoint(context) gets the service's context
dict; the DataFrames it returns are handed back by name and written by the engine.
"""
import importlib.util
import os
import sys
import traceback


def _refuse(what):
    raise RuntimeError(what + " is not supported in AWS Clean Rooms PySpark analyses")


def _limit_to_the_service(spark_context_class, session_class, data_frame_class):
    """What the service refuses, refused at the call where PySpark lets us tell (the engine checks the rest)."""
    data_frame_class.rdd = property(lambda self: _refuse("DataFrame.rdd (the RDD API)"))
    for name in ("textFile", "wholeTextFiles", "binaryFiles", "binaryRecords", "pickleFile", "sequenceFile",
                 "hadoopFile", "newAPIHadoopFile", "hadoopRDD", "newAPIHadoopRDD", "addFile", "addPyFile",
                 "addArchive"):
        setattr(spark_context_class, name, lambda self, *a, _n=name, **k: _refuse("SparkContext." + _n))
    session_class.readStream = property(lambda self: _refuse("streaming (SparkSession.readStream)"))
    session_class.udtf = property(lambda self: _refuse("user-defined table functions (UDTFs)"))
    # The session and its context are the engine's, shared with other jobs: a script must not stop them.
    spark_context_class.stop = lambda self: None
    session_class.stop = lambda self: None
    try:
        import pyspark.sql.functions as functions
        functions.udtf = lambda *a, **k: _refuse("user-defined table functions (UDTFs)")
    except (ImportError, AttributeError):
        pass


def _load(script):
    name = os.path.splitext(os.path.basename(script))[0]
    spec = importlib.util.spec_from_file_location(name, script)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    if not callable(getattr(module, "entrypoint", None)):
        raise RuntimeError(os.path.basename(script) + " defines no entrypoint(context) function")
    return module


def _error_line(error, script):
    """The error and the line of the user's script it came from, as the service reports a script error."""
    text = "".join(traceback.format_exception_only(type(error), error)).strip().splitlines()
    message = text[-1] if text else type(error).__name__
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if os.path.abspath(f.filename) == os.path.abspath(script)]
    if frames:
        frame = frames[-1]
        message += " (%s, line %d: %s)" % (os.path.basename(script), frame.lineno, (frame.line or "").strip())
    return message


def main():
    script, token = sys.argv[1], sys.argv[2]
    for entry in reversed([p for p in os.environ.get("CLEANROOMS_PYTHON_PATH", "").split(os.pathsep) if p]):
        sys.path.insert(0, entry)
    from pyspark import SparkConf, SparkContext
    from pyspark.java_gateway import launch_gateway
    from pyspark.sql import DataFrame, SparkSession

    gateway = launch_gateway()
    bridge = gateway.jvm.dev.cleanroomsjdbc.local.spark.PythonJobs.context(token)
    jsc = bridge.javaSparkContext()
    conf = SparkConf(_jvm=gateway.jvm, _jconf=jsc.getConf())
    sc = SparkContext(gateway=gateway, jsc=jsc, conf=conf,
                      environment={"PYTHONPATH": os.environ.get("PYTHONPATH", "")})
    sc.setJobGroup(bridge.jobGroup(), "protected job", True)
    spark = SparkSession(sc, bridge.sparkSession())
    _limit_to_the_service(SparkContext, SparkSession, DataFrame)
    tables = {alias: DataFrame(jdf, spark) for alias, jdf in bridge.tables().items()}
    parameters = {name: value for name, value in bridge.parameters().items()}
    context = {"sparkSession": spark, "referencedTables": tables, "analysisParameters": parameters}
    try:
        returned = _load(script).entrypoint(context)
        if not isinstance(returned, dict) or not isinstance(returned.get("results"), dict):
            raise RuntimeError("entrypoint(context) must return {\"results\": {name: DataFrame}}, not "
                               + type(returned).__name__)
        for name, frame in returned["results"].items():
            if not isinstance(frame, DataFrame):
                raise RuntimeError("result '%s' is a %s; only DataFrame outputs are supported"
                                   % (name, type(frame).__name__))
            bridge.addResult(str(name), frame._jdf)
        code = 0
    except BaseException as error:  # the script's own failure, whatever it is
        traceback.print_exc()
        bridge.fail(_error_line(error, script))
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    # PySpark's exit hooks would talk to a JVM that outlives this process; there is nothing left to clean up.
    os._exit(code)


if __name__ == "__main__":
    main()
