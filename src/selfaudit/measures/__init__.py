"""The logic of each measure that is more than a question (friend check, ...). Plain Python."""
