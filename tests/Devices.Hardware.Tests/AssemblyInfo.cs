// Flash tests put a fake nanoff first on PATH and some tests capture the console: run the classes one at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
