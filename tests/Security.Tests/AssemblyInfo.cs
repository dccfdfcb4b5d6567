// Every test here hosts services on the test servers' PostgreSQL and RabbitMQ.
[assembly: AssemblyTrait("Category", "Integration")]
