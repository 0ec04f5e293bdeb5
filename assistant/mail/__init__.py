"""Reading the shop's mail: where the mailbox is, what is new in it, and what each mail means.

- ``poll.read_new_mail``: one read that costs only what is new, the shop's mails classified;
- ``apply.poll_and_apply``: the same, applied to the cases (``assistant poll``, ``tick``);
- ``verification.wait_for_verification_code``: the sign-in code, for the login flow.
"""
