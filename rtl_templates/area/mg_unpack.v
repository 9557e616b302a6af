// mg_unpack, area-lean variant (arch=area; docs/float_speed.md): the same
// module and ports as rtl_templates/mg_unpack.v (sign, unbiased exponent,
// significand with its hidden bit, class; a subnormal reads as exponent emin
// with a hidden bit of 0), except that an ftz format's zero reads as
// exponent -bias instead of emin (no user reads a zero's exponent): emin is
// the field with its LSB set (the field is 0), not a mux of the whole
// exponent.
`default_nettype none

module mg_unpack #(
  parameter integer ExpBits    = 8,
  parameter integer FracBits   = 23,
  parameter integer Bias       = 127,
  parameter integer Specials   = 0,  // 0 ieee, 1 fn, 2 fin
  parameter integer Subnormals = 1,  // 1 sub, 0 ftz
  parameter integer ExpWidth   = 12  // two's-complement width of exp_o
) (
  input  wire [ExpBits+FracBits:0] x_i,
  output wire                      sign_o,
  output wire [ExpWidth-1:0]       exp_o,  // value = sig_o * 2^(exp_o - FracBits)
  output wire [FracBits:0]         sig_o,
  output wire                      zero_o,
  output wire                      inf_o,
  output wire                      nan_o,
  output wire                      snan_o  // signalling NaN (ieee only)
);
  localparam [31:0] BiasVec = Bias;

  wire [ExpBits-1:0]  field = x_i[ExpBits+FracBits-1:FracBits];
  wire [FracBits-1:0] frac  = x_i[FracBits-1:0];
  wire field_zero = (field == {ExpBits{1'b0}});
  wire field_ones = &field;
  wire frac_zero  = (frac == {FracBits{1'b0}});
  wire frac_ones  = &frac;

  wire is_ieee = (Specials == 0);
  wire is_fn   = (Specials == 1);
  wire is_sub  = (Subnormals != 0);

  wire [ExpWidth-1:0] field_ext = {{(ExpWidth-ExpBits){1'b0}}, field};

  assign sign_o = x_i[ExpBits+FracBits];
  assign zero_o = field_zero & (frac_zero | ~is_sub);
  assign inf_o  = is_ieee & field_ones & frac_zero;
  assign nan_o  = (is_ieee & field_ones & ~frac_zero) | (is_fn & field_ones & frac_ones);
  assign snan_o = is_ieee & field_ones & ~frac_zero & ~frac[FracBits-1];
  assign exp_o  = (field_ext | {{(ExpWidth-1){1'b0}}, field_zero & is_sub}) - BiasVec[ExpWidth-1:0];
  assign sig_o  = zero_o ? {(FracBits+1){1'b0}} : {~field_zero, frac};
endmodule

`default_nettype wire
