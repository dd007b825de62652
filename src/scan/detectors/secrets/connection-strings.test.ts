// Passwords in database connection strings and credentials in URLs, and the
// templates, placeholders and dev defaults that are not leaks.
import { describe, expect, it } from 'vitest';
import { dbConnectionString, isPlaceholderPassword, urlCredentials } from './connection-strings.js';
import { valuesOf } from './support.case.js';

const PW = 'Xk9-vQ2rLm7t';

describe.each([
  { kind: 'PostgreSQL', text: `DATABASE_URL=postgresql://app:${PW}@db.internal:5432/orders` },
  { kind: 'MySQL in quotes', text: `const url = "mysql://root:${PW}@10.0.0.5:3306/app";` },
  { kind: 'MongoDB SRV', text: `MONGO_URI=mongodb+srv://svc:${PW}@cluster0.ab1cd.mongodb.net/db?retryWrites=true` },
  { kind: 'Redis without a user', text: `REDIS_URL=redis://:${PW}@cache:6379/0` },
  { kind: 'AMQP', text: `amqps://worker:${PW}@mq.example.org/vhost` },
  { kind: 'JDBC MySQL', text: `jdbc:mysql://admin:${PW}@db.example.org:3306/app` },
  { kind: 'JDBC SQL Server parameters', text: `jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=${PW};encrypt=true` },
  { kind: 'JDBC PostgreSQL query', text: `jdbc:postgresql://db/app?user=app&password=${PW}&ssl=true` },
  { kind: 'ADO.NET', text: `Server=tcp:db.example.org,1433;Database=app;User ID=app;Password=${PW};Encrypt=True;` },
  { kind: 'Oracle thin', text: `jdbc:oracle:thin:scott/${PW}@db:1521:ORCL` },
])('when a $kind connection string has a password', ({ text }) => {
  it('reports the password as db_connection_string', () => {
    expect(valuesOf(dbConnectionString, text)).toEqual([PW]);
  });
});

describe('when the password itself contains @', () => {
  it('reports up to the last @ before the host', () => {
    expect(valuesOf(dbConnectionString, 'mongodb://app:Pa@ss-w0rd@db.example.org/x')).toEqual(['Pa@ss-w0rd']);
  });
});

describe.each([
  { situation: 'a template variable', text: 'postgres://user:${PASSWORD}@localhost/db' },
  { situation: 'a Makefile variable', text: 'DB_URL = postgres://$(PGUSER):$(PGPASSWORD)@$(PGHOST)/$(PGDATABASE)' },
  { situation: 'brace placeholders', text: 'postgresql://{username}:{password}@{{host}}:5432/{database}' },
  { situation: 'the word password', text: 'mongodb://username:password@db.example.org:27017/app' },
  { situation: 'YOUR_PASSWORD', text: 'mongodb://YOUR_USER:YOUR_PASSWORD@cluster0.example.net/app' },
  { situation: 'REPLACE_WITH_PASSWORD', text: 'mysql://admin:REPLACE_WITH_PASSWORD@mysql.example.org:3306/app' },
  { situation: 'the user name again', text: 'postgres://postgres:postgres@localhost:5432/app' },
  { situation: 'no password at all', text: 'mongodb://localhost:27017/database' },
  { situation: 'a placeholder in an ADO.NET string', text: 'Host=your_host; Port=5432; Database=db; Username=your_username; Password=your_password;' },
])('when a connection string carries $situation', ({ text }) => {
  it('is not reported', () => {
    expect(valuesOf(dbConnectionString, text)).toEqual([]);
  });
});

describe.each([
  { situation: 'HTTPS basic auth', text: 'const API = "https://deploy:r7Kq2vXw9z@api.example.org/v2";', value: 'deploy:r7Kq2vXw9z' },
  { situation: 'FTP credentials in prose', text: 'upload to ftp://backup:n8Tz3qLw@files.example.org today', value: 'backup:n8Tz3qLw' },
  { situation: 'a token used as the user', text: '"git+https://3d8f8100c0f32ce881aec4b78a79e43308142d81:x-oauth-basic@github.com/o/r.git"', value: '3d8f8100c0f32ce881aec4b78a79e43308142d81:x-oauth-basic' },
])('when a URL has $situation', ({ text, value }) => {
  it('reports the user:password as url_credentials', () => {
    expect(valuesOf(urlCredentials, text)).toEqual([value]);
  });
});

describe.each([
  { situation: 'template variables', text: 'https://${username}:${password}@api.example.org/v1' },
  { situation: 'a documented placeholder', text: 'https://username:password@example.org/api' },
  { situation: 'a short password', text: 'https://user:abc@api.example.org/v1' },
  { situation: 'a repeated digit', text: 'https://user:1111@service.example.org/api' },
  { situation: 'no password', text: 'https://user@example.org/' },
  { situation: 'a port and no credentials', text: 'https://example.org:8443/path' },
  { situation: 'a database scheme (left to db_connection_string)', text: `postgres://app:${PW}@db/app` },
])('when a URL has $situation', ({ text }) => {
  it('is not reported as url_credentials', () => {
    expect(valuesOf(urlCredentials, text)).toEqual([]);
  });
});

describe.each([
  { password: 'password', placeholder: true },
  { password: 'YOUR_PASSWORD', placeholder: true },
  { password: 'mypassword', placeholder: true },
  { password: 'TestSourcePassword', placeholder: true },
  { password: 'secret', placeholder: true },
  { password: 'secret123', placeholder: false },
  { password: 'pass', placeholder: false },
  { password: 'Tr0ub4dor&3', placeholder: false },
])('when the password is $password', ({ password, placeholder }) => {
  it(placeholder ? 'counts as a placeholder' : 'counts as a real password', () => {
    expect(isPlaceholderPassword(password)).toBe(placeholder);
  });
});
