"""Auth providers for xlwings-server, looked up as ``auth.<provider>`` in the project directory."""
