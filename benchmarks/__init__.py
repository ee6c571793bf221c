"""Speed and memory benchmarks: Bahi against ledger, hledger, beancount and a bare fastexcel read."""
